/**
 * Routes: a method, the path template exactly as GitHub's OpenAPI description spells it (so the validator can
 * find the operation), and a handler. Handlers are synchronous: state is in memory.
 */
import { notFound } from './http-errors.js';
import type { Urls } from './github-objects.js';
import type { EmulatorState, RepoRecord, UserRecord } from './state.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The current primary rate-limit window. */
export interface RateLimitSnapshot {
  limit: number;
  remaining: number;
  /** Epoch seconds when the window resets. */
  reset: number;
  used: number;
}

/** What a handler gets. */
export interface RequestContext {
  method: HttpMethod;
  /** The URL as the client addressed it (host and port from its `Host` header); pagination links start here. */
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body, or `undefined` when there was none. */
  body: unknown;
  /** The user the token belongs to. */
  actor: UserRecord;
  state: EmulatorState;
  urls: Urls;
  now(): Date;
  rateLimit(): RateLimitSnapshot;
}

/** A handler's answer. */
export interface RouteResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: HttpMethod;
  template: string;
  handle(ctx: RequestContext): RouteResponse;
}

/** A context whose `{owner}/{repo}` named a repository the emulator holds. */
export interface RepoRequestContext extends RequestContext {
  repo: RepoRecord;
}

/** A route. */
export function route(method: HttpMethod, template: string, handle: (ctx: RequestContext) => RouteResponse): Route {
  return { method, template, handle };
}

/** A route under `/repos/{owner}/{repo}`: answers 404 unless the emulator holds that repository. */
export function repoRoute(
  method: HttpMethod,
  template: string,
  handle: (ctx: RepoRequestContext) => RouteResponse,
): Route {
  return route(method, template, (ctx) => {
    const repo = ctx.state.repos.get(`${ctx.params.owner ?? ''}/${ctx.params.repo ?? ''}`);
    if (!repo) throw notFound();
    return handle({ ...ctx, repo });
  });
}

/** A path parameter that must be a positive integer (an id or number); anything else is a 404, as on GitHub. */
export function intParam(ctx: RequestContext, name: string): number {
  const raw = ctx.params[name] ?? '';
  if (!/^[1-9]\d*$/.test(raw)) throw notFound();
  return Number(raw);
}

/** A path parameter as text. */
export function param(ctx: RequestContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) throw new Error(`Route has no parameter {${name}}`);
  return value;
}

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
  literals: number;
}

/** Matches request paths to routes; templates with more literal segments win (`issues/comments/{id}`). */
export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes
      .map((r) => {
        const names: string[] = [];
        const source = r.template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, name: string) => {
          names.push(name);
          return '([^/]+)';
        });
        const literals = r.template.split('/').filter((s) => s && !s.startsWith('{')).length;
        return { route: r, pattern: new RegExp(`^${source}/?$`), names, literals };
      })
      .sort((a, b) => b.literals - a.literals);
  }

  /** The route for a method and path, with decoded path parameters. */
  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const candidate of this.compiled) {
      if (candidate.route.method !== method) continue;
      const found = candidate.pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      candidate.names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? '');
      });
      return { route: candidate.route, params };
    }
    return undefined;
  }

  /** The template a path belongs to under any method, so faults and 404s can name the operation. */
  templateOf(path: string): string | undefined {
    return this.compiled.find((c) => c.pattern.test(path))?.route.template;
  }
}

/**
 * The request pipeline: record → authenticate → count against the rate limit → injected fault → route →
 * optional body mutation → ETag (a matching `If-None-Match` gets 304, given back to the rate limit) → schema
 * check → send with GitHub's headers.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { defaultMessage, SECONDARY_RATE_LIMIT_MESSAGE } from './faults.js';
import type { Fault, FaultQueue } from './faults.js';
import type { Urls } from './github-objects.js';
import { ApiError, notFound, problemsParsingJson } from './http-errors.js';
import { describeOperation } from './openapi-spec.js';
import type { RateLimit } from './rate-limit.js';
import type { HttpMethod, RouteResponse, Router } from './router.js';
import { checkResponse } from './schema-validator.js';
import type { SchemaViolation } from './schema-validator.js';
import type { EmulatorState } from './state.js';

/** One request as the emulator received it. */
export interface RecordedRequest {
  method: string;
  /** The path without the query (and without the configured path prefix). */
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** The status sent back; 0 while in flight or when the connection was dropped. */
  status: number;
}

/** Everything the pipeline works with; owned by the emulator. */
export interface Pipeline {
  router: Router;
  state: EmulatorState;
  /** token → login of the user it belongs to. */
  tokens: Map<string, string>;
  faults: FaultQueue;
  rateLimit: RateLimit;
  requests: RecordedRequest[];
  violations: SchemaViolation[];
  /** Handler crashes: bugs in the emulator, reported by `close()`. */
  crashes: Error[];
  urls(): Urls;
  pathPrefix: string;
  now(): Date;
}

const RATE_LIMIT_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

/** A node:http request listener running the pipeline. */
export function requestListener(pipeline: Pipeline): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(pipeline, req, res).catch((error: unknown) => {
      pipeline.crashes.push(error instanceof Error ? error : new Error(String(error)));
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
}

async function handle(p: Pipeline, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const method = (req.method ?? 'GET').toUpperCase();
  const rawBody = await readText(req);
  const path = url.pathname.startsWith(p.pathPrefix) ? url.pathname.slice(p.pathPrefix.length) || '/' : url.pathname;
  const entry: RecordedRequest = {
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    body: parseOrRaw(rawBody),
    headers: req.headers,
    status: 0,
  };
  p.requests.push(entry);
  const match = url.pathname.startsWith(p.pathPrefix) ? p.router.match(method, path) : undefined;
  const template = match?.route.template ?? p.router.templateOf(path);
  const requestId = `${randomBytes(2).toString('hex').toUpperCase()}:${randomBytes(3).toString('hex').toUpperCase()}`;

  let outcome: RouteResponse;
  let fault: Fault | undefined;
  const login = authenticate(p, req.headers.authorization);
  if (typeof login !== 'string') {
    outcome = login;
  } else if (path !== '/rate_limit' && !p.rateLimit.consume()) {
    outcome = rateLimited(p, login);
  } else {
    fault = p.faults.take(method, path, template);
    if (fault && 'networkError' in fault) {
      req.socket.destroy();
      return;
    }
    const delayMs = fault && 'latencyMs' in fault ? fault.latencyMs : 0;
    // Like GitHub, a slow request is still carried out even if the client gave up waiting.
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    outcome = faultResponse(p, fault, requestId) ?? run(p, match, { method, url, body: rawBody, login });
  }
  if (fault && 'statusAfterHandling' in fault)
    outcome = { status: fault.statusAfterHandling, body: { message: defaultMessage(fault.statusAfterHandling) } };
  if (fault && 'mutateBody' in fault) outcome = { ...outcome, body: fault.mutateBody(outcome.body) };
  if (outcome.status >= 400 && isRecord(outcome.body)) {
    const docsUrl = template ? describeOperation(template, method)?.docsUrl : undefined;
    outcome.body = {
      ...outcome.body,
      documentation_url: outcome.body.documentation_url ?? docsUrl ?? 'https://docs.github.com/rest',
      status: String(outcome.status),
    };
  }
  if (method === 'GET' && outcome.status === 200 && !fault) {
    outcome = conditional(outcome, req.headers['if-none-match']);
    if (outcome.status === 304) p.rateLimit.refund();
  }
  if (template && outcome.status !== 204 && outcome.status !== 304) {
    const violation = checkResponse({ method, path, template, status: outcome.status, body: outcome.body });
    if (violation) p.violations.push(violation);
  }
  entry.status = outcome.status;
  if (res.destroyed) return;
  send(res, outcome, { ...p.rateLimit.headers(), 'x-github-request-id': requestId });
}

/**
 * GitHub's conditional requests: every 200 to a GET carries a weak `ETag` over the body and `Link` header; a
 * request whose `If-None-Match` names it gets 304 Not Modified with no body (and it does not count against the
 * rate limit: https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api).
 */
function conditional(outcome: RouteResponse, ifNoneMatch: string | undefined): RouteResponse {
  const hash = createHash('sha256')
    .update(JSON.stringify(outcome.body) ?? '')
    .update(outcome.headers?.link ?? '')
    .digest('hex');
  const etag = `W/"${hash.slice(0, 40)}"`;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  const named = (ifNoneMatch ?? '').split(',').map(strip);
  if (named.includes('*') || named.includes(strip(etag))) return { status: 304, headers: { etag } };
  return { ...outcome, headers: { ...outcome.headers, etag } };
}

function authenticate(p: Pipeline, header: string | undefined): string | RouteResponse {
  if (!header) return { status: 401, body: { message: 'Requires authentication' } };
  const token = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim())?.[1];
  const login = token === undefined ? undefined : p.tokens.get(token);
  return login ?? { status: 401, body: { message: 'Bad credentials' } };
}

function rateLimited(p: Pipeline, login: string): RouteResponse {
  return {
    status: 403,
    body: {
      message: `API rate limit exceeded for user ID ${p.state.user(login).id}.`,
      documentation_url: RATE_LIMIT_DOCS,
    },
  };
}

function faultResponse(p: Pipeline, fault: Fault | undefined, requestId: string): RouteResponse | undefined {
  if (!fault) return undefined;
  if ('status' in fault) {
    return {
      status: fault.status,
      body: { message: fault.message ?? defaultMessage(fault.status) },
      headers: fault.headers ?? {},
    };
  }
  if ('secondaryRateLimit' in fault) {
    const { retryAfterSeconds = 60, status = 403 } = fault.secondaryRateLimit;
    return {
      status,
      body: {
        message: `${SECONDARY_RATE_LIMIT_MESSAGE} ${requestId}.`,
        documentation_url: `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`,
      },
      headers: { 'retry-after': String(retryAfterSeconds) },
    };
  }
  if ('rateLimitExhausted' in fault) {
    return {
      status: 403,
      body: { message: 'API rate limit exceeded for installation.', documentation_url: RATE_LIMIT_DOCS },
      headers: p.rateLimit.headers({ resetInSeconds: fault.rateLimitExhausted.resetInSeconds }),
    };
  }
  return undefined;
}

function run(
  p: Pipeline,
  match: ReturnType<Router['match']>,
  request: { method: string; url: URL; body: string; login: string },
): RouteResponse {
  try {
    if (!match) throw notFound();
    let body: unknown;
    if (request.body.trim() !== '') {
      try {
        body = JSON.parse(request.body);
      } catch {
        throw problemsParsingJson();
      }
    }
    return match.route.handle({
      method: request.method as HttpMethod,
      url: request.url,
      params: match.params,
      query: request.url.searchParams,
      body,
      actor: p.state.user(request.login),
      state: p.state,
      urls: p.urls(),
      now: () => p.now(),
      rateLimit: () => p.rateLimit.snapshot(),
    });
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, body: error.body, headers: error.headers };
    throw error;
  }
}

function send(res: ServerResponse, outcome: RouteResponse, baseHeaders: Record<string, string>): void {
  const headers: Record<string, string> = {
    ...baseHeaders,
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
    ...outcome.headers,
  };
  if (outcome.status === 204 || outcome.body === undefined) {
    res.writeHead(outcome.status, headers).end();
    return;
  }
  const text = JSON.stringify(outcome.body);
  res.writeHead(outcome.status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseOrRaw(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

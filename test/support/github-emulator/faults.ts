/**
 * Fault injection: a test tells the emulator (through `inject`, not HTTP) to misbehave for the next matching
 * requests. Each rule is used `times` times (default once) and then stops applying.
 */

/** What goes wrong. */
export type Fault =
  /** Answer with this status and GitHub's error body instead of running the handler (500, 502, 503, 404, 403…). */
  | { status: number; message?: string; headers?: Record<string, string> }
  /** GitHub's secondary rate limit: 403 (or 429) with `retry-after`. */
  | { secondaryRateLimit: { retryAfterSeconds?: number; status?: 403 | 429 } }
  /** The primary rate limit ran out: 403 with `x-ratelimit-remaining: 0` and a reset this many seconds ahead. */
  | { rateLimitExhausted: { resetInSeconds: number } }
  /** Delay the response by this long, then answer normally. */
  | { latencyMs: number }
  /** Drop the connection without answering. */
  | { networkError: true }
  /** Carry the request out (state changes), then answer with this error status: a write that took effect although the client saw a failure. */
  | { statusAfterHandling: number }
  /** Answer normally, but change the body first (to prove schema validation catches a bad response). */
  | { mutateBody: (body: unknown) => unknown };

/** Which requests a fault applies to, and how often. */
export interface FaultRule {
  /** HTTP method, any case; all methods when absent. */
  method?: string;
  /**
   * A string matches the request path exactly (without query) or the route's template
   * (`/repos/{owner}/{repo}/deployments`); a RegExp is tested against the path. All paths when absent.
   */
  path?: string | RegExp;
  /** How many matching requests get the fault: default 1; `Infinity` for all. */
  times?: number;
  fault: Fault;
}

/** A rule as registered: how many uses remain and how many requests it has hit. */
export interface InjectedFault {
  readonly rule: FaultRule;
  remaining: number;
  hits: number;
}

/** Registered faults, first registered first used. */
export class FaultQueue {
  private readonly active: InjectedFault[] = [];

  /** Registers a rule. */
  add(rule: FaultRule): InjectedFault {
    const times = rule.times ?? 1;
    if (!(times > 0)) throw new Error(`inject: 'times' must be positive, got ${times}`);
    const injected: InjectedFault = { rule, remaining: times, hits: 0 };
    this.active.push(injected);
    return injected;
  }

  /** Takes the first fault matching a request, using one of its uses. */
  take(method: string, path: string, template: string | undefined): Fault | undefined {
    const found = this.active.find((f) => f.remaining > 0 && matches(f.rule, method, path, template));
    if (!found) return undefined;
    found.remaining -= 1;
    found.hits += 1;
    return found.rule.fault;
  }

  /** Removes every rule. */
  clear(): void {
    this.active.length = 0;
  }
}

function matches(rule: FaultRule, method: string, path: string, template: string | undefined): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  if (rule.path === undefined) return true;
  if (rule.path instanceof RegExp) return rule.path.test(path);
  return rule.path === path || rule.path === template;
}

/** The message GitHub sends with a secondary rate limit. */
export const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID';

/** GitHub's default message for a status, for faults that do not give one. */
export function defaultMessage(status: number): string {
  const messages: Record<number, string> = {
    400: 'Bad Request',
    401: 'Bad credentials',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    422: 'Validation Failed',
    500: 'Server Error',
    502: 'Server Error',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return messages[status] ?? `HTTP ${status}`;
}

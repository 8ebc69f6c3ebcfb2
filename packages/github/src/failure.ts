/**
 * What a failed Octokit request means: a network error, a server error, a rate limit (with how long GitHub
 * asks us to wait), or a client error that retrying cannot fix.
 */

/** The parts of Octokit's `RequestError` (and fetch failures) we look at. */
export interface OctokitFailure {
  name?: string;
  message: string;
  cause?: unknown;
  status?: number;
  request?: { method?: string; url?: string };
  response?: { status: number; url?: string; headers: Record<string, string | number | undefined>; data?: unknown };
}

/** A failure, classified. */
export type Failure =
  | { kind: 'network'; message: string }
  | { kind: 'server'; status: number; message: string }
  | { kind: 'rate-limit'; status: number; message: string; waitSeconds: number; resetsAt: Date | undefined }
  | { kind: 'client'; status: number; message: string; acceptedPermissions: string | undefined };

/** GitHub's advice when a rate-limit answer says nothing about when to come back: wait at least a minute. */
const DEFAULT_RATE_LIMIT_WAIT_SECONDS = 60;

function header(failure: OctokitFailure, name: string): string | undefined {
  const value = failure.response?.headers[name];
  return value === undefined ? undefined : String(value);
}

/** GitHub's `message` (and the `errors` of a 422) from an error body. */
export function githubMessage(failure: OctokitFailure): string {
  const data = failure.response?.data;
  if (data !== null && typeof data === 'object' && 'message' in data && typeof data.message === 'string') {
    const errors = 'errors' in data && Array.isArray(data.errors) ? data.errors : [];
    const details = errors.map((e: unknown) =>
      typeof e === 'string' ? e : ((e as { message?: string }).message ?? JSON.stringify(e)),
    );
    return details.length > 0 ? `${data.message}: ${details.join('; ')}` : data.message;
  }
  return typeof data === 'string' && data.trim() !== '' ? data.trim().slice(0, 200) : failure.message;
}

/** Classifies a failure. `nowMs` is the current time, to turn `x-ratelimit-reset` into a wait. */
export function classifyFailure(failure: OctokitFailure, nowMs: number): Failure {
  const response = failure.response;
  if (!response) return { kind: 'network', message: failure.message };
  const status = response.status;
  const message = githubMessage(failure);
  if (status >= 500) return { kind: 'server', status, message };
  if (status === 403 || status === 429) {
    const wait = rateLimitWait(failure, status, message, nowMs);
    if (wait) return { kind: 'rate-limit', status, message, ...wait };
  }
  return { kind: 'client', status, message, acceptedPermissions: header(failure, 'x-accepted-github-permissions') };
}

function rateLimitWait(
  failure: OctokitFailure,
  status: number,
  message: string,
  nowMs: number,
): { waitSeconds: number; resetsAt: Date | undefined } | undefined {
  const retryAfter = header(failure, 'retry-after');
  if (retryAfter !== undefined) {
    const seconds = /^\d+$/.test(retryAfter.trim())
      ? Number(retryAfter)
      : Math.ceil((Date.parse(retryAfter) - nowMs) / 1000);
    if (Number.isFinite(seconds))
      return { waitSeconds: Math.max(0, seconds), resetsAt: new Date(nowMs + Math.max(0, seconds) * 1000) };
  }
  const reset = Number(header(failure, 'x-ratelimit-reset'));
  if (header(failure, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset)) {
    return { waitSeconds: Math.max(0, Math.ceil(reset - nowMs / 1000)), resetsAt: new Date(reset * 1000) };
  }
  if (status === 429 || /rate limit/i.test(message))
    return { waitSeconds: DEFAULT_RATE_LIMIT_WAIT_SECONDS, resetsAt: undefined };
  return undefined;
}

/** Turns `x-accepted-github-permissions` (`contents=read,deployments=write; checks=write`) into workflow YAML. */
export function describePermissions(accepted: string): string {
  const options = accepted
    .split(';')
    .map((set) =>
      set
        .split(',')
        .map((pair) => pair.trim().replace('=', ': '))
        .filter(Boolean)
        .join(', '),
    )
    .filter(Boolean);
  return options.length > 1 ? `one of {${options.join('} or {')}}` : (options[0] ?? accepted);
}

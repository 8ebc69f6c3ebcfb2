/**
 * The retry loop, installed with `octokit.hook.wrap('request', …)` so every call (single requests, each page of
 * a pagination, the `rest.*` methods) goes through it. It is also where failures become `HttpError`s.
 */
import type { getOctokit } from '@actions/github';
import { classifyFailure } from './failure.js';
import type { Failure, OctokitFailure } from './failure.js';
import { toHttpError } from './http-error.js';
import { backoffDelayMs } from './retry-policy.js';
import type { RetryPolicy } from './retry-policy.js';

type Octokit = ReturnType<typeof getOctokit>;

/** What the retry loop needs from outside: time, randomness, and somewhere to say it is retrying. */
export interface RetryDependencies {
  policy: RetryPolicy;
  baseUrl: string;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
  log: (message: string) => void;
}

/**
 * Passed as `request: { beforeRetry }` on a non-idempotent call: before each retry, returns the response the
 * earlier attempt would have given when it turns out to have taken effect (found by an id the caller sent), so
 * the write is not made twice.
 */
export type BeforeRetry = () => Promise<
  { status: number; url: string; headers: Record<string, string>; data: unknown } | undefined
>;

/** Wraps every request of `octokit` in the retry loop. */
export function installRetry(octokit: Octokit, deps: RetryDependencies): void {
  octokit.hook.wrap('request', async (request, options) => {
    const what = `${options.method} ${String(options.url)}`;
    const callerRequest = options.request;
    const callerSignal = (callerRequest as { signal?: AbortSignal } | undefined)?.signal;
    const beforeRetry = (callerRequest as { beforeRetry?: BeforeRetry } | undefined)?.beforeRetry;
    for (let attempt = 1; ; attempt += 1) {
      try {
        // A write may have been carried out although its answer was lost: ask the caller before sending it again.
        const recovered = attempt > 1 && beforeRetry ? await beforeRetry() : undefined;
        if (recovered) return recovered as Awaited<ReturnType<typeof request>>;
        const signal = AbortSignal.any([
          AbortSignal.timeout(deps.policy.attemptTimeoutMs),
          ...(callerSignal ? [callerSignal] : []),
        ]);
        // Inner hooks (the token's auth hook) were bound to this `options` object: change it in place.
        options.request = { ...callerRequest, signal };
        return await request(options);
      } catch (error) {
        // A caller that cancels gets its cancellation back, not a retry.
        if (callerSignal?.aborted || !isOctokitFailure(error)) throw error;
        const failure = error;
        const classified = classifyFailure(failure, deps.now());
        // Octokit wraps the timeout of our per-attempt signal as a RequestError whose cause is a TimeoutError.
        if (
          classified.kind === 'network' &&
          (error.name === 'TimeoutError' || (error.cause instanceof Error && error.cause.name === 'TimeoutError'))
        ) {
          classified.message = `no answer within ${deps.policy.attemptTimeoutMs / 1000}s`;
        }
        const delayMs = retryDelay(classified, attempt, deps);
        if (delayMs === 'too-long') {
          throw toHttpError(failure, classified, {
            what,
            baseUrl: deps.baseUrl,
            attempts: attempt,
            maxRetryAfterSeconds: deps.policy.maxRetryAfterSeconds,
          });
        }
        if (delayMs === undefined || attempt >= deps.policy.maxAttempts) {
          throw toHttpError(failure, classified, { what, baseUrl: deps.baseUrl, attempts: attempt });
        }
        deps.log(
          `GitHub API ${what}: ${describe(classified)}; retrying in ${(delayMs / 1000).toFixed(1)}s (attempt ${attempt + 1} of ${deps.policy.maxAttempts})`,
        );
        await deps.sleep(delayMs);
      }
    }
  });
}

/** How long to wait before the next attempt; `undefined` when retrying cannot help. */
function retryDelay(classified: Failure, attempt: number, deps: RetryDependencies): number | 'too-long' | undefined {
  switch (classified.kind) {
    case 'network':
    case 'server':
      return backoffDelayMs(attempt, deps.policy, deps.random);
    case 'rate-limit':
      return classified.waitSeconds > deps.policy.maxRetryAfterSeconds ? 'too-long' : classified.waitSeconds * 1000;
    case 'client':
      return undefined;
    default:
      throw new Error(`Unhandled failure kind: ${JSON.stringify(classified satisfies never)}`);
  }
}

function describe(classified: Failure): string {
  switch (classified.kind) {
    case 'network':
      return `no response (${classified.message})`;
    case 'rate-limit':
      return `rate limited (HTTP ${classified.status}), GitHub asks to wait ${classified.waitSeconds}s`;
    default:
      return `HTTP ${classified.status} (${classified.message})`;
  }
}

function isOctokitFailure(error: unknown): error is OctokitFailure {
  return (
    error instanceof Error &&
    ('response' in error || 'status' in error || error.name === 'TimeoutError' || error.name === 'AbortError')
  );
}

/**
 * The GitHub adapter's one choke point: an Octokit from `@actions/github` whose every request goes through
 * the retry loop and leaves, when it fails, as the kit's `HttpError`.
 */
import { getOctokit } from '@actions/github';
import { installRetry } from './retry-hook.js';
import { resolveRetryPolicy } from './retry-policy.js';
import type { RetryPolicy } from './retry-policy.js';

/** The Octokit type `@actions/github` builds (core, REST endpoint methods, pagination). */
export type Octokit = ReturnType<typeof getOctokit>;

/** What `createGitHubClient` takes. The composition root reads the environment; this reads nothing. */
export interface GitHubClientOptions {
  /** The token (a workflow's `GITHUB_TOKEN` or a PAT). */
  token: string;
  /** The REST API root: `GITHUB_API_URL`, e.g. `https://api.github.com` or `https://ghes.example.com/api/v3`. */
  baseUrl: string;
  /** Called with the token before anything else, so it never shows in logs (pass `core.setSecret`). */
  mask: (secret: string) => void;
  /** Sent as `User-Agent`. Default `shipgate`. */
  userAgent?: string;
  /** Overrides of the retry policy's defaults. */
  retry?: Partial<RetryPolicy>;
  /** Waits between attempts. Default: a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Source of jitter, in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** The current time in ms, to read `x-ratelimit-reset`. Default `Date.now`. */
  now?: () => number;
  /** Where retries and Octokit warnings are reported. Default: nowhere. */
  log?: (message: string) => void;
}

/** The port later actions use: Octokit's calls, retried, with typed errors. */
export interface GitHubClient {
  /** The API root requests go to. */
  readonly baseUrl: string;
  /** One request by route: `client.request('GET /repos/{owner}/{repo}/deployments', { owner, repo })`. */
  readonly request: Octokit['request'];
  /** Every page of a list endpoint, or page by page with `client.paginate.iterator(...)`. */
  readonly paginate: Octokit['paginate'];
  /** The REST endpoint methods: `client.rest.repos.createDeployment(...)`. */
  readonly rest: Octokit['rest'];
  /** The underlying Octokit (same hooks), for anything the port does not cover. */
  readonly octokit: Octokit;
}

/**
 * Builds the client. Every request is retried on network errors, 5xx and rate limits (honouring `retry-after`
 * and `x-ratelimit-reset` up to `retry.maxRetryAfterSeconds`), never on other 4xx; failures throw `HttpError`.
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  if (!options.token) throw new Error('createGitHubClient: a token is required');
  options.mask(options.token);
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const log = options.log ?? (() => undefined);
  const octokit = getOctokit(options.token, {
    baseUrl,
    userAgent: options.userAgent ?? 'shipgate',
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => log(message),
      error: (message: string) => log(message),
    },
  });
  installRetry(octokit, {
    policy: resolveRetryPolicy(options.retry),
    baseUrl,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    log,
  });
  return { baseUrl, request: octokit.request, paginate: octokit.paginate, rest: octokit.rest, octokit };
}

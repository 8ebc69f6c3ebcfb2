import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HttpError } from '@shipgate/core';
import { startGitHubEmulator } from '../../../test/support/github-emulator/index.js';
import type { GitHubEmulator } from '../../../test/support/github-emulator/index.js';
import { createGitHubClient } from './client.js';
import type { GitHubClient, GitHubClientOptions } from './client.js';
import { findInPages } from './pagination.js';

const DEPLOYMENTS = '/repos/octo-org/shipgate-demo/deployments';
const NOW = new Date('2025-05-01T08:00:00Z');
let emulator: GitHubEmulator;
let sleep: ReturnType<typeof vi.fn<(ms: number) => Promise<void>>>;
let logged: string[];

beforeEach(async () => {
  emulator = await startGitHubEmulator({ now: () => NOW });
  sleep = vi.fn(async () => undefined);
  logged = [];
});
afterEach(async () => {
  await emulator.close();
});

function client(overrides: Partial<GitHubClientOptions> = {}): GitHubClient {
  return createGitHubClient({
    token: emulator.token,
    baseUrl: emulator.url,
    mask: () => undefined,
    sleep,
    random: () => 0.5,
    now: () => NOW.getTime(),
    log: (message) => logged.push(message),
    ...overrides,
  });
}

const repo = { owner: 'octo-org', repo: 'shipgate-demo' };
const requestsTo = (path: string): number => emulator.requests.filter((r) => r.path === path).length;

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe('createGitHubClient', () => {
  it('masks the token before anything else and talks to the emulator through @actions/github', async () => {
    const mask = vi.fn();
    const github = client({ mask });
    expect(mask).toHaveBeenCalledWith(emulator.token);
    const { data } = await github.rest.repos.createDeployment({
      ...repo,
      ref: 'main',
      required_contexts: [],
      environment: 'staging',
    });
    expect(data).toMatchObject({ environment: 'staging' });
    expect(emulator.requests[0]?.headers['user-agent']).toMatch(/^shipgate/);
  });

  it('works under a GitHub Enterprise Server style path prefix', async () => {
    const ghes = await startGitHubEmulator({ pathPrefix: '/api/v3' });
    try {
      const github = createGitHubClient({ token: ghes.token, baseUrl: `${ghes.url}/`, mask: () => undefined });
      const { data } = await github.request('GET /repos/{owner}/{repo}/deployments', {
        owner: ghes.owner,
        repo: ghes.repo,
      });
      expect(data).toEqual([]);
    } finally {
      await ghes.close();
    }
  });
});

describe('retries', () => {
  it('retries 5xx with exponential backoff, then succeeds', async () => {
    emulator.inject({ path: DEPLOYMENTS, times: 2, fault: { status: 502 } });
    const { data } = await client().rest.repos.listDeployments(repo);
    expect(data).toEqual([]);
    expect(requestsTo(DEPLOYMENTS)).toBe(3);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([1000, 2000]);
    expect(logged[0]).toMatch(
      /GET \/repos\/\{owner\}\/\{repo\}\/deployments: HTTP 502 .*retrying in 1\.0s \(attempt 2 of 4\)/,
    );
  });

  it('retries a dropped connection', async () => {
    emulator.inject({ path: DEPLOYMENTS, fault: { networkError: true } });
    await client().rest.repos.listDeployments(repo);
    expect(requestsTo(DEPLOYMENTS)).toBe(2);
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it('retries an attempt that takes longer than attemptTimeoutMs', async () => {
    emulator.inject({ path: DEPLOYMENTS, fault: { latencyMs: 2000 } });
    const { data } = await client({ retry: { attemptTimeoutMs: 100 } }).rest.repos.listDeployments(repo);
    expect(data).toEqual([]);
    expect(requestsTo(DEPLOYMENTS)).toBe(2);
    expect(logged[0]).toContain('no answer within 0.1s');
  });

  it('honours retry-after on a secondary rate limit', async () => {
    emulator.inject({ path: DEPLOYMENTS, fault: { secondaryRateLimit: { retryAfterSeconds: 7 } } });
    await client().rest.repos.listDeployments(repo);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([7000]);
    expect(requestsTo(DEPLOYMENTS)).toBe(2);
  });

  it('waits for x-ratelimit-reset when the primary rate limit is used up (403 or 429)', async () => {
    emulator.inject({ path: DEPLOYMENTS, fault: { rateLimitExhausted: { resetInSeconds: 25 } } });
    emulator.inject({ path: DEPLOYMENTS, fault: { secondaryRateLimit: { retryAfterSeconds: 3, status: 429 } } });
    await client().rest.repos.listDeployments(repo);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([25_000, 3000]);
  });

  it('fails at once, with a clear error, when GitHub asks for a wait beyond maxRetryAfterSeconds', async () => {
    emulator.inject({ path: DEPLOYMENTS, fault: { secondaryRateLimit: { retryAfterSeconds: 120 } } });
    const error = await failure(client().rest.repos.listDeployments(repo));
    expect(error).toMatchObject({ status: 403, retryable: true, retryAfterSeconds: 120 });
    expect(error.message).toMatch(/asked us to wait 120s .*longer than the 60s we may wait/);
    expect(error.hint).toMatch(/Re-run the job after 120s/);
    expect(sleep).not.toHaveBeenCalled();
    expect(requestsTo(DEPLOYMENTS)).toBe(1);
  });

  it.each([
    [404, { status: 404 }],
    [422, { status: 422, message: 'Validation Failed' }],
    [403, { status: 403, message: 'Resource not accessible by integration' }],
  ] as const)('does not retry %i', async (status, fault) => {
    emulator.inject({ path: DEPLOYMENTS, fault });
    const error = await failure(client().rest.repos.listDeployments(repo));
    expect(error).toMatchObject({ status, retryable: false });
    expect(requestsTo(DEPLOYMENTS)).toBe(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('gives up after maxAttempts with an HttpError', async () => {
    emulator.inject({ path: DEPLOYMENTS, times: Infinity, fault: { status: 503 } });
    const error = await failure(client().rest.repos.listDeployments(repo));
    expect(error).toMatchObject({ status: 503, retryable: true, url: `${emulator.url}${DEPLOYMENTS}` });
    expect(error.message).toMatch(
      /failed after 4 attempts: Service Unavailable \(HTTP 503 from http:\/\/127\.0\.0\.1:\d+\/repos/,
    );
    expect(error.hint).toContain('githubstatus.com');
    expect(requestsTo(DEPLOYMENTS)).toBe(4);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([1000, 2000, 4000]);
  });

  it('follows a custom policy and jitter source', async () => {
    emulator.inject({ path: DEPLOYMENTS, times: Infinity, fault: { status: 500 } });
    await failure(
      client({ retry: { maxAttempts: 2, baseDelayMs: 100, jitter: 0.5 }, random: () => 0 }).rest.repos.listDeployments(
        repo,
      ),
    );
    expect(requestsTo(DEPLOYMENTS)).toBe(2);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([50]);
  });
});

describe('error hints', () => {
  it('401: check the token', async () => {
    const error = await failure(client({ token: 'ghp_not_the_token' }).rest.repos.listDeployments(repo));
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(error.message).toContain('Bad credentials');
    expect(error.hint).toMatch(/^Check the token/);
    expect(error.message + (error.hint ?? '')).not.toContain('ghp_not_the_token');
  });

  it('403: names the permission GitHub says is missing', async () => {
    emulator.inject({
      path: DEPLOYMENTS,
      method: 'POST',
      fault: {
        status: 403,
        message: 'Resource not accessible by integration',
        headers: { 'x-accepted-github-permissions': 'deployments=write' },
      },
    });
    const error = await failure(client().rest.repos.createDeployment({ ...repo, ref: 'main' }));
    expect(error.message).toContain('Resource not accessible by integration');
    expect(error.hint).toContain('this call needs deployments: write');
  });

  it('403 without a named permission: the token lacks one', async () => {
    emulator.inject({ path: DEPLOYMENTS, fault: { status: 403, message: 'Must have admin rights to Repository.' } });
    const error = await failure(client().rest.repos.listDeployments(repo));
    expect(error.hint).toMatch(/lacks a permission/);
  });

  it('404: not found or not visible to the token', async () => {
    const error = await failure(client().rest.repos.listDeployments({ owner: 'octo-org', repo: 'elsewhere' }));
    expect(error).toMatchObject({ status: 404 });
    expect(error.hint).toMatch(/not found, or the token cannot see it/);
  });

  it('422: carries GitHub message', async () => {
    const error = await failure(
      client().request('POST /repos/{owner}/{repo}/deployments', { ...repo, ref: 'main', payload: '{not json' }),
    );
    expect(error).toMatchObject({ status: 422 });
    expect(error.message).toContain('is not valid JSON');
  });

  it('network: names the API URL', async () => {
    const closed = createGitHubClient({
      token: 'x',
      baseUrl: 'http://127.0.0.1:9',
      mask: () => undefined,
      sleep,
      retry: { maxAttempts: 2 },
    });
    const error = await failure(closed.request('GET /rate_limit'));
    expect(error).toMatchObject({ status: 0, retryable: true });
    expect(error.message).toMatch(/got no response after 2 attempts/);
    expect(error.hint).toContain('http://127.0.0.1:9');
  });
});

describe('pagination', () => {
  beforeEach(() => {
    for (let i = 0; i < 7; i += 1)
      emulator.seedDeployment({ environment: 'production', ref: `v${i}`, createdAt: `2025-04-0${i + 1}T00:00:00Z` });
  });

  it('collects three pages', async () => {
    const all = await client().paginate(client().rest.repos.listDeployments, { ...repo, per_page: 3 });
    expect(all.map((d) => d.ref)).toEqual(['v6', 'v5', 'v4', 'v3', 'v2', 'v1', 'v0']);
    expect(emulator.requests.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3']);
  });

  it('retries a failed page without starting over', async () => {
    const github = client();
    const refs: string[] = [];
    for await (const page of github.paginate.iterator(github.rest.repos.listDeployments, { ...repo, per_page: 3 })) {
      refs.push(...page.data.map((d) => d.ref));
      if (refs.length === 3) emulator.inject({ path: DEPLOYMENTS, fault: { status: 502 } });
    }
    expect(refs).toEqual(['v6', 'v5', 'v4', 'v3', 'v2', 'v1', 'v0']);
    expect(emulator.requests.map((r) => `${r.query.page ?? '1'}:${r.status}`)).toEqual([
      '1:200',
      '2:502',
      '2:200',
      '3:200',
    ]);
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it('stops fetching pages once findInPages has a match', async () => {
    const github = client();
    const found = await findInPages(
      github.paginate.iterator(github.rest.repos.listDeployments, { ...repo, per_page: 3 }),
      (d) => d.ref === 'v3',
    );
    expect(found?.ref).toBe('v3');
    expect(emulator.requests).toHaveLength(2);
  });
});

import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator } from '../support/github-emulator/index.js';
import type { GitHubEmulator } from '../support/github-emulator/index.js';
import { api } from './api-client.js';

const DEPLOYMENTS = '/repos/octo-org/shipgate-demo/deployments';
let emulator: GitHubEmulator;

beforeEach(async () => {
  emulator = await startGitHubEmulator();
});
afterEach(async () => {
  await emulator.close();
});

describe('inject', () => {
  it.each([500, 502, 503])('answers %i for the matching request, then recovers', async (status) => {
    const fault = emulator.inject({ method: 'GET', path: DEPLOYMENTS, fault: { status } });
    const failed = await api<{ message: string }>(emulator, 'GET', DEPLOYMENTS);
    expect(failed.status).toBe(status);
    expect(typeof failed.body.message).toBe('string');
    expect(failed.headers.get('x-ratelimit-remaining')).not.toBeNull();
    expect((await api(emulator, 'GET', DEPLOYMENTS)).status).toBe(200);
    expect(fault).toMatchObject({ hits: 1, remaining: 0 });
  });

  it('uses a fault `times` times, matching by template, method and RegExp', async () => {
    emulator.inject({ path: '/repos/{owner}/{repo}/deployments', method: 'post', times: 2, fault: { status: 502 } });
    emulator.inject({ path: /\/issues$/, fault: { status: 404 } });
    expect((await api(emulator, 'GET', DEPLOYMENTS)).status).toBe(200);
    const post = (): Promise<number> =>
      api(emulator, 'POST', DEPLOYMENTS, { body: { ref: 'main', required_contexts: [] } }).then((r) => r.status);
    expect([await post(), await post(), await post()]).toEqual([502, 502, 201]);
    expect((await api(emulator, 'GET', '/repos/octo-org/shipgate-demo/issues')).status).toBe(404);
    expect((await api(emulator, 'GET', '/repos/octo-org/shipgate-demo/issues')).status).toBe(200);
    expect(emulator.state.deployments).toHaveLength(1);
  });

  it('sends a secondary rate limit: 403 with retry-after and GitHub message', async () => {
    emulator.inject({ path: DEPLOYMENTS, fault: { secondaryRateLimit: { retryAfterSeconds: 42 } } });
    const response = await api<{ message: string; documentation_url: string }>(emulator, 'GET', DEPLOYMENTS);
    expect(response.status).toBe(403);
    expect(response.headers.get('retry-after')).toBe('42');
    expect(response.body.message).toMatch(/^You have exceeded a secondary rate limit/);
    expect(response.body.documentation_url).toContain('secondary-rate-limits');
    expect(Number(response.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
  });

  it('sends an exhausted primary rate limit with its reset time', async () => {
    emulator.inject({ path: DEPLOYMENTS, fault: { rateLimitExhausted: { resetInSeconds: 30 } } });
    const response = await api(emulator, 'GET', DEPLOYMENTS);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(response.headers.get('x-ratelimit-reset')) - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(
      29,
    );
  });

  it('delays a response by latencyMs and then answers normally', async () => {
    emulator.inject({ path: DEPLOYMENTS, fault: { latencyMs: 150 } });
    const started = performance.now();
    const response = await api(emulator, 'GET', DEPLOYMENTS);
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('drops the connection for networkError', async () => {
    emulator.inject({ path: DEPLOYMENTS, fault: { networkError: true } });
    await expect(api(emulator, 'GET', DEPLOYMENTS)).rejects.toThrow();
    expect((await api(emulator, 'GET', DEPLOYMENTS)).status).toBe(200);
  });

  it('reaches Octokit as a RequestError carrying status and headers', async () => {
    emulator.inject({ path: DEPLOYMENTS, fault: { secondaryRateLimit: { retryAfterSeconds: 5, status: 429 } } });
    const octokit = getOctokit(emulator.token, { baseUrl: emulator.url });
    await expect(
      octokit.rest.repos.listDeployments({ owner: emulator.owner, repo: emulator.repo }),
    ).rejects.toMatchObject({
      status: 429,
      response: { headers: expect.objectContaining({ 'retry-after': '5' }) },
    });
  });

  it('logs every request, including faulted ones, with method, path, query, body and headers', async () => {
    emulator.inject({ path: DEPLOYMENTS, fault: { status: 503 } });
    await api(emulator, 'POST', DEPLOYMENTS, { body: { ref: 'main' } });
    await api(emulator, 'GET', `${DEPLOYMENTS}?environment=prod`);
    expect(emulator.requests).toEqual([
      expect.objectContaining({ method: 'POST', path: DEPLOYMENTS, body: { ref: 'main' }, status: 503 }),
      expect.objectContaining({ method: 'GET', path: DEPLOYMENTS, query: { environment: 'prod' }, status: 200 }),
    ]);
    expect(emulator.requests[0]?.headers.authorization).toBe(`token ${emulator.token}`);
  });
});

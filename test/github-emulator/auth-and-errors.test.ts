import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator } from '../support/github-emulator/index.js';
import type { GitHubEmulator } from '../support/github-emulator/index.js';
import { api } from './api-client.js';

let emulator: GitHubEmulator;
beforeEach(async () => {
  emulator = await startGitHubEmulator();
});
afterEach(async () => {
  await emulator.close();
});

describe('authentication', () => {
  it('answers 401 with GitHub error shape without a token or with a wrong one', async () => {
    const missing = await api(emulator, 'GET', '/repos/octo-org/shipgate-demo/deployments', { token: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({
      message: 'Requires authentication',
      documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com\//),
      status: '401',
    });
    const wrong = await api(emulator, 'GET', '/repos/octo-org/shipgate-demo/deployments', { token: 'ghp_wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ message: 'Bad credentials' });
  });

  it('accepts both `token` and `Bearer` schemes', async () => {
    expect((await api(emulator, 'GET', '/repos/octo-org/shipgate-demo/deployments', { scheme: 'token' })).status).toBe(
      200,
    );
    expect((await api(emulator, 'GET', '/repos/octo-org/shipgate-demo/deployments', { scheme: 'Bearer' })).status).toBe(
      200,
    );
  });

  it('surfaces 401 through Octokit as a RequestError', async () => {
    const octokit = getOctokit('ghp_wrong', { baseUrl: emulator.url });
    await expect(
      octokit.rest.repos.listDeployments({ owner: 'octo-org', repo: 'shipgate-demo' }),
    ).rejects.toMatchObject({ status: 401 });
  });
});

describe('errors', () => {
  it('answers 404 with GitHub error shape for unknown routes and unknown repositories', async () => {
    const unknownRoute = await api(emulator, 'GET', '/repos/octo-org/shipgate-demo/nope');
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    });
    const unknownRepo = await api(emulator, 'GET', '/repos/octo-org/other/deployments');
    expect(unknownRepo.status).toBe(404);
    expect(unknownRepo.body).toMatchObject({
      message: 'Not Found',
      documentation_url: expect.stringContaining('/rest/deployments/'),
    });
  });

  it('answers 422 for a missing required field, naming it', async () => {
    const response = await api<{ message: string }>(emulator, 'POST', '/repos/octo-org/shipgate-demo/issues', {
      body: { body: 'no title' },
    });
    expect(response.status).toBe(422);
    expect(response.body.message).toContain('"title" wasn\'t supplied');
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await fetch(`${emulator.url}/repos/octo-org/shipgate-demo/issues`, {
      method: 'POST',
      headers: { authorization: `token ${emulator.token}` },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: 'Problems parsing JSON' });
  });

  it('serves more than one repository', async () => {
    emulator.addRepository('octo-org', 'second');
    const created = await api(emulator, 'POST', '/repos/octo-org/second/issues', {
      body: { title: 'in the second repo' },
    });
    expect(created.status).toBe(201);
    expect((await api<unknown[]>(emulator, 'GET', '/repos/octo-org/shipgate-demo/issues')).body).toEqual([]);
  });

  it('serves under a path prefix like GitHub Enterprise Server', async () => {
    const ghes = await startGitHubEmulator({ pathPrefix: '/api/v3' });
    try {
      expect(ghes.url).toMatch(/\/api\/v3$/);
      const octokit = getOctokit(ghes.token, { baseUrl: ghes.url });
      const { data } = await octokit.rest.issues.create({ owner: ghes.owner, repo: ghes.repo, title: 'on GHES' });
      expect(data.url).toBe(`${ghes.url}/repos/${ghes.owner}/${ghes.repo}/issues/1`);
    } finally {
      await ghes.close();
    }
  });
});

describe('rate-limit headers', () => {
  it('sends x-ratelimit-* on every response and counts down', async () => {
    const first = await api(emulator, 'GET', '/repos/octo-org/shipgate-demo/deployments');
    const second = await api(emulator, 'GET', '/repos/octo-org/shipgate-demo/nope');
    for (const response of [first, second]) {
      expect(response.headers.get('x-ratelimit-limit')).toBe('5000');
      expect(response.headers.get('x-ratelimit-resource')).toBe('core');
      expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    }
    expect(first.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(first.headers.get('x-ratelimit-used')).toBe('1');
    expect(second.headers.get('x-ratelimit-remaining')).toBe('4998');
    expect(second.headers.get('x-ratelimit-used')).toBe('2');
  });

  it('answers 403 when the primary limit runs out, and reports it at /rate_limit', async () => {
    const small = await startGitHubEmulator({ rateLimit: 2 });
    try {
      const octokit = getOctokit(small.token, { baseUrl: small.url });
      await octokit.rest.repos.listDeployments({ owner: small.owner, repo: small.repo });
      await octokit.rest.repos.listDeployments({ owner: small.owner, repo: small.repo });
      const refused = await api<{ message: string }>(small, 'GET', `/repos/${small.owner}/${small.repo}/deployments`);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(refused.body.message).toMatch(/^API rate limit exceeded/);
      const { data } = await octokit.rest.rateLimit.get();
      expect(data.resources.core).toMatchObject({ limit: 2, remaining: 0, used: 2 });
    } finally {
      await small.close();
    }
  });
});

import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator } from '../support/github-emulator/index.js';
import type { GitHubEmulator } from '../support/github-emulator/index.js';
import { api, parseLinks } from './api-client.js';

const REPO = '/repos/octo-org/shipgate-demo';
const repo = { owner: 'octo-org', repo: 'shipgate-demo' };
const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);
let emulator: GitHubEmulator;
let octokit: ReturnType<typeof getOctokit>;
let clock: Date;

beforeEach(async () => {
  clock = new Date('2025-04-01T12:00:00Z');
  emulator = await startGitHubEmulator({ now: () => clock });
  octokit = getOctokit(emulator.token, { baseUrl: emulator.url });
});
afterEach(async () => {
  await emulator.close();
});

function tick(seconds: number): void {
  clock = new Date(clock.getTime() + seconds * 1000);
}

describe('deployments', () => {
  it('creates one with every parameter and reads it back', async () => {
    const { data, status } = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: SHA_A,
      task: 'deploy:canary',
      auto_merge: false,
      required_contexts: [],
      payload: { version: '1.2.3' },
      environment: 'staging',
      description: 'canary 1.2.3',
      transient_environment: true,
      production_environment: false,
    });
    expect(status).toBe(201);
    if (!('id' in data)) throw new Error('expected a deployment');
    expect(data).toMatchObject({
      sha: SHA_A,
      ref: SHA_A,
      task: 'deploy:canary',
      payload: { version: '1.2.3' },
      environment: 'staging',
      original_environment: 'staging',
      description: 'canary 1.2.3',
      transient_environment: true,
      production_environment: false,
      created_at: '2025-04-01T12:00:00Z',
      creator: { login: 'github-actions[bot]' },
      performed_via_github_app: { slug: 'github-actions' },
    });
    expect(data.statuses_url).toBe(`${emulator.url}${REPO}/deployments/${data.id}/statuses`);
    const { data: got } = await octokit.rest.repos.getDeployment({ ...repo, deployment_id: data.id });
    expect(got).toEqual(data);
  });

  it('applies GitHub defaults and parses a JSON string payload', async () => {
    const created = await api<Record<string, unknown>>(emulator, 'POST', `${REPO}/deployments`, {
      body: { ref: 'main', payload: '{"rollback_to":"1.0.0"}', required_contexts: [] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      task: 'deploy',
      environment: 'production',
      production_environment: true,
      transient_environment: false,
      description: '',
      payload: { rollback_to: '1.0.0' },
    });
    expect(created.body.sha).toMatch(/^[0-9a-f]{40}$/);
    emulator.setRef('release', SHA_B);
    const fromRef = await api<{ sha: string }>(emulator, 'POST', `${REPO}/deployments`, {
      body: { ref: 'release', required_contexts: [] },
    });
    expect(fromRef.body.sha).toBe(SHA_B);
    const bad = await api(emulator, 'POST', `${REPO}/deployments`, { body: { ref: 'main', payload: '{oops' } });
    expect(bad.status).toBe(422);
  });

  it('refuses with 409 when required checks have not passed, as GitHub does', async () => {
    await octokit.rest.checks.create({
      ...repo,
      name: 'build',
      head_sha: SHA_A,
      status: 'completed',
      conclusion: 'failure',
    });
    await expect(octokit.rest.repos.createDeployment({ ...repo, ref: SHA_A })).rejects.toMatchObject({ status: 409 });
    const bypass = await octokit.rest.repos.createDeployment({ ...repo, ref: SHA_A, required_contexts: [] });
    expect(bypass.status).toBe(201);
  });

  it('lists newest first with environment, sha, ref and task filters', async () => {
    emulator.seedDeployment({ environment: 'staging', ref: 'main', sha: SHA_A, createdAt: '2025-03-01T00:00:00Z' });
    emulator.seedDeployment({ environment: 'production', ref: 'main', sha: SHA_A, createdAt: '2025-03-02T00:00:00Z' });
    emulator.seedDeployment({
      environment: 'staging',
      ref: 'v2',
      sha: SHA_B,
      task: 'deploy:migrations',
      createdAt: '2025-03-03T00:00:00Z',
    });
    const list = async (params: Record<string, string>): Promise<string[]> =>
      (await octokit.rest.repos.listDeployments({ ...repo, ...params })).data.map((d) => `${d.environment}@${d.ref}`);
    expect(await list({})).toEqual(['staging@v2', 'production@main', 'staging@main']);
    expect(await list({ environment: 'staging' })).toEqual(['staging@v2', 'staging@main']);
    expect(await list({ sha: SHA_A })).toEqual(['production@main', 'staging@main']);
    expect(await list({ ref: 'v2' })).toEqual(['staging@v2']);
    expect(await list({ task: 'deploy:migrations', environment: 'staging' })).toEqual(['staging@v2']);
    expect(await list({ environment: 'qa' })).toEqual([]);
  });

  it('paginates deployments newest first', async () => {
    for (let i = 0; i < 5; i += 1) {
      emulator.seedDeployment({ environment: 'production', ref: `v${i}` });
      tick(60);
    }
    const page = await api<Array<{ ref: string }>>(emulator, 'GET', `${REPO}/deployments?per_page=2&page=2`);
    expect(page.body.map((d) => d.ref)).toEqual(['v2', 'v1']);
    expect(parseLinks(page.headers.get('link')).last).toBe(`${emulator.url}${REPO}/deployments?per_page=2&page=3`);
    const all = await octokit.paginate(octokit.rest.repos.listDeployments, { ...repo, per_page: 2 });
    expect(all.map((d) => d.ref)).toEqual(['v4', 'v3', 'v2', 'v1', 'v0']);
  });

  it('deletes only inactive deployments unless one is alone in its environment', async () => {
    const old = emulator.seedDeployment({ environment: 'production', ref: 'v1', statuses: ['success'] });
    const current = emulator.seedDeployment({ environment: 'production', ref: 'v2', statuses: ['success'] });
    await expect(octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: current.id })).rejects.toMatchObject({
      status: 422,
    });
    expect((await octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: old.id })).status).toBe(204);
    expect((await octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: current.id })).status).toBe(204);
    expect(emulator.state.deployments).toEqual([]);
    expect(emulator.state.deploymentStatuses).toEqual([]);
  });
});

describe('deployment statuses', () => {
  it('creates, lists (newest first) and gets statuses', async () => {
    const deployment = emulator.seedDeployment({ environment: 'staging', ref: 'main' });
    const { data: progress } = await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: deployment.id,
      state: 'in_progress',
      log_url: 'https://ci.example/run/1',
      description: 'rolling out',
    });
    tick(30);
    const { data: success } = await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: deployment.id,
      state: 'success',
      environment_url: 'https://staging.example',
    });
    expect(progress).toMatchObject({
      state: 'in_progress',
      log_url: 'https://ci.example/run/1',
      target_url: 'https://ci.example/run/1',
      description: 'rolling out',
      environment: 'staging',
    });
    expect(success).toMatchObject({
      state: 'success',
      environment_url: 'https://staging.example',
      log_url: '',
      created_at: '2025-04-01T12:00:30Z',
    });
    const { data: listed } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id });
    expect(listed.map((s) => s.state)).toEqual(['success', 'in_progress']);
    const { data: got } = await octokit.rest.repos.getDeploymentStatus({
      ...repo,
      deployment_id: deployment.id,
      status_id: progress.id,
    });
    expect(got).toEqual(progress);
    expect((await octokit.rest.repos.getDeployment({ ...repo, deployment_id: deployment.id })).data.updated_at).toBe(
      '2025-04-01T12:00:30Z',
    );
  });

  it('rejects an unknown state and a description over 140 characters', async () => {
    const deployment = emulator.seedDeployment({ environment: 'staging', ref: 'main' });
    const path = `${REPO}/deployments/${deployment.id}/statuses`;
    expect((await api(emulator, 'POST', path, { body: { state: 'done' } })).status).toBe(422);
    const long = await api<{ message: string; errors: unknown[] }>(emulator, 'POST', path, {
      body: { state: 'failure', description: 'x'.repeat(141) },
    });
    expect(long.status).toBe(422);
    expect(long.body).toMatchObject({
      message: 'Validation Failed',
      errors: [expect.objectContaining({ field: 'description' })],
    });
  });

  it('marks earlier successful deployments of the environment inactive on success (auto_inactive)', async () => {
    const previous = emulator.seedDeployment({
      environment: 'production',
      ref: 'v1',
      statuses: ['in_progress', 'success'],
    });
    const failed = emulator.seedDeployment({ environment: 'production', ref: 'v1.5', statuses: ['failure'] });
    const transient = emulator.seedDeployment({
      environment: 'production',
      ref: 'pr-7',
      statuses: ['success'],
      transientEnvironment: true,
    });
    const staging = emulator.seedDeployment({ environment: 'staging', ref: 'v1', statuses: ['success'] });
    tick(60);
    const next = emulator.seedDeployment({ environment: 'production', ref: 'v2' });
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: next.id, state: 'success' });
    const latest = (id: number): string | undefined => emulator.state.latestStatus(id)?.state;
    expect(latest(previous.id)).toBe('inactive');
    expect(latest(failed.id)).toBe('failure');
    expect(latest(transient.id)).toBe('success');
    expect(latest(staging.id)).toBe('success');
    const { data } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: previous.id });
    expect(data.map((s) => s.state)).toEqual(['inactive', 'success', 'in_progress']);
  });

  it('leaves earlier deployments alone with auto_inactive: false', async () => {
    const previous = emulator.seedDeployment({ environment: 'production', ref: 'v1', statuses: ['success'] });
    const next = emulator.seedDeployment({ environment: 'production', ref: 'v2' });
    await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: next.id,
      state: 'success',
      auto_inactive: false,
    });
    expect(emulator.state.latestStatus(previous.id)?.state).toBe('success');
  });

  it('moves the deployment to another environment when a status names one', async () => {
    const deployment = emulator.seedDeployment({ environment: 'staging', ref: 'v1' });
    await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: deployment.id,
      state: 'success',
      environment: 'production',
    });
    const { data } = await octokit.rest.repos.getDeployment({ ...repo, deployment_id: deployment.id });
    expect(data).toMatchObject({ environment: 'production', original_environment: 'staging' });
  });
});

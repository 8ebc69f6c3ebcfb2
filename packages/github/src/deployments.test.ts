import { afterEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../../test/support/github-emulator/index.js';
import { currentDeployment } from '@shipgate/history';
import { createGitHubClient } from './client.js';
import { GitHubDeploymentStore } from './deployments.js';

let emulator: GitHubEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function store(): Promise<{ store: GitHubDeploymentStore; emulator: GitHubEmulator }> {
  emulator = await startGitHubEmulator();
  const client = createGitHubClient({
    token: emulator.token,
    baseUrl: emulator.url,
    mask: () => undefined,
    sleep: async () => undefined,
  });
  return { store: new GitHubDeploymentStore(client, `${emulator.owner}/${emulator.repo}`), emulator };
}

describe('GitHubDeploymentStore', () => {
  it('creates a deployment with what a rollout records and moves its status', async () => {
    const { store: deployments, emulator: gh } = await store();
    const created = await deployments.create({
      environment: 'production',
      ref: 'ffac537e6cbbf934b08745a378932722df287a53',
      task: 'deploy:canary',
      version: 'v2',
      description: 'Canary v2',
      payload: { previous: { version: 'v1' } },
    });
    await deployments.setStatus(created.id, 'in_progress', {
      description: 'Rolling out',
      logUrl: 'https://github.com/o/r/actions/runs/1',
    });
    await deployments.setStatus(created.id, 'success', { description: 'Promoted' });
    const [latest] = await deployments.list('production');
    expect(latest).toMatchObject({
      id: created.id,
      version: 'v2',
      task: 'deploy:canary',
      state: 'success',
      payload: { version: 'v2', previous: { version: 'v1' } },
    });
    const request = gh.requests.find((r) => r.method === 'POST' && r.path.endsWith('/deployments'));
    expect(request?.body).toMatchObject({ auto_merge: false, required_contexts: [], environment: 'production' });
  });

  it('believes only a payload version that matches the version grammar (a newline could forge a workflow command)', async () => {
    const { store: deployments, emulator: gh } = await store();
    gh.seedDeployment({ environment: 'production', ref: 'v7', payload: { version: 'v8\n::error::forged' } });
    const [record] = await deployments.list('production');
    expect(record?.version).toBe('v7');
  });

  it('creates a deployment once although GitHub answered 502 after creating it', async () => {
    const { store: deployments, emulator: gh } = await store();
    gh.inject({ method: 'POST', path: /\/deployments$/, fault: { statusAfterHandling: 502 } });
    const created = await deployments.create({
      environment: 'production',
      ref: 'main',
      task: 'deploy',
      version: 'v5',
      description: 'v5',
      payload: {},
    });
    expect(gh.state.deployments).toHaveLength(1);
    expect(created).toMatchObject({ id: gh.state.deployments[0]?.id, version: 'v5' });
    expect(gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/deployments'))).toHaveLength(1);
  });

  it('lists newest first with each latest status, and keeps older successes (auto_inactive off)', async () => {
    const { store: deployments, emulator: gh } = await store();
    gh.seedDeployment({
      environment: 'production',
      ref: 'main',
      payload: { version: 'v1' },
      statuses: ['in_progress', 'success'],
    });
    const second = await deployments.create({
      environment: 'production',
      ref: 'main',
      task: 'deploy',
      version: 'v2',
      description: 'v2',
      payload: {},
    });
    await deployments.setStatus(second.id, 'success', { description: 'ok' });
    gh.seedDeployment({ environment: 'staging', ref: 'main', payload: { version: 'v9' }, statuses: ['success'] });
    const list = await deployments.list('production');
    expect(list.map((d) => [d.version, d.state])).toEqual([
      ['v2', 'success'],
      ['v1', 'success'],
    ]);
    expect(currentDeployment(list)?.version).toBe('v2');
  });
});

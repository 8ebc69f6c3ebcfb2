import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeTraffic } from '@shipgate/canary/testing';
import { FakeShell } from '@shipgate/exec/testing';
import { FakeDeploymentStore } from '@shipgate/history/testing';
import { runPost } from '@shipgate/kit';
import { FakeActionsCore } from '@shipgate/kit/testing';
import { SYSTEM_ADAPTERS, type CanaryAdapters } from './adapters.js';
import { ACTION } from './inputs.js';
import { ABORT_BACKOFF_MS, cleanUp } from './post-step.js';

const INPUTS = {
  version: 'v2',
  provider: 'command',
  'set-weight-command': 'set-weight {weight}',
  metrics: 'prometheus',
  'prometheus-url': 'http://127.0.0.1:9',
  'stable-version': 'v1',
  token: 'ghs_token_for_tests_0000000000000000',
  config: '.github/shipgate.yml',
  'working-directory': '.',
};

/** A traffic provider whose abort fails `failures` times first. */
function flakyTraffic(failures: number): FakeTraffic {
  const traffic = new FakeTraffic();
  let left = failures;
  const abort = traffic.abort.bind(traffic);
  traffic.abort = async () => {
    if (left-- > 0) throw new Error('abort-command exited with code 1');
    return abort();
  };
  return traffic;
}

async function post(traffic: FakeTraffic) {
  const store = new FakeDeploymentStore();
  const record = await store.create({
    environment: 'production',
    ref: 'r',
    task: 'deploy:canary',
    version: 'v2',
    description: '',
    payload: {},
  });
  const core = new FakeActionsCore(INPUTS, { 'rollout-started': 'true', 'deployment-id': String(record.id) });
  const slept: number[] = [];
  const adapters: CanaryAdapters = {
    ...SYSTEM_ADAPTERS,
    deploymentStore: () => store,
    shell: async () => new FakeShell(),
    traffic: () => traffic,
    clock: { now: () => 0, sleep: async (ms) => void slept.push(ms) },
  };
  const workspace = mkdtempSync(join(tmpdir(), 'canary-post-'));
  const env = { GITHUB_WORKSPACE: workspace, GITHUB_REPOSITORY: 'octo-org/octo-repo', RUNNER_TEMP: workspace };
  await runPost(ACTION, (context) => cleanUp(context, env, adapters), { core, env });
  return { core, store, slept };
}

describe('canary-deploy post step (in process, with fakes)', () => {
  it('tries again with backoff until traffic is back on stable, and ends the record', async () => {
    const traffic = flakyTraffic(2);
    const { core, store, slept } = await post(traffic);
    expect(traffic.weight).toBe(0);
    expect(slept).toEqual(ABORT_BACKOFF_MS.slice(0, 2));
    expect(store.statuses.at(-1)?.state).toBe('failure');
    expect(core.annotations).toEqual([]);
  });

  it('says loudly when traffic could not be returned, and ends the record as error', async () => {
    const { core, store, slept } = await post(flakyTraffic(100));
    expect(slept).toEqual([...ABORT_BACKOFF_MS]);
    expect(core.annotations.map((a) => a.level)).toContain('error');
    expect(core.summary).toMatch(/traffic not returned to stable/);
    expect(store.statuses.at(-1)?.state).toBe('error');
  });
});

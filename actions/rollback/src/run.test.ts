import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeShell } from '@shipgate/exec/testing';
import { writePayload } from '@shipgate/history';
import { FakeDeploymentStore } from '@shipgate/history/testing';
import { runAction } from '@shipgate/kit';
import { FakeActionsCore } from '@shipgate/kit/testing';
import { FakeTransport } from '@shipgate/probes/testing';
import { SYSTEM_ADAPTERS, type RollbackAdapters } from './adapters.js';
import { ACTION } from './inputs.js';
import { run } from './run.js';

const INPUTS = {
  provider: 'command',
  'rollback-command': 'deploy/rollback.sh {version}',
  token: 'ghs_token_for_tests_0000000000000000',
  environment: 'production',
  config: '.github/shipgate.yml',
  'working-directory': '.',
};

async function history(store: FakeDeploymentStore, versions: [string, 'success' | 'failure'][]): Promise<void> {
  for (const [version, state] of versions) {
    const record = await store.create({
      environment: 'production',
      ref: `ref-${version}`,
      task: 'deploy:canary',
      version,
      description: version,
      payload: writePayload({ version, provider: 'command', targets: [], previous: undefined, nginx: undefined }),
    });
    await store.setStatus(record.id, state, { description: state });
  }
}

async function runInProcess(
  store: FakeDeploymentStore,
  inputs: Record<string, string> = INPUTS,
  shell = new FakeShell(),
) {
  const core = new FakeActionsCore(inputs);
  const adapters: RollbackAdapters = {
    ...SYSTEM_ADAPTERS,
    deploymentStore: () => store,
    identity: async () => store.creator,
    shell: async () => shell,
    transport: () => Object.assign(new FakeTransport({}), { [Symbol.dispose]: () => undefined }),
  };
  const workspace = mkdtempSync(join(tmpdir(), 'rollback-run-'));
  const env = { GITHUB_WORKSPACE: workspace, GITHUB_REPOSITORY: 'octo-org/octo-repo', RUNNER_TEMP: workspace };
  await runAction(ACTION, (context) => run(context, env, adapters), { core, env });
  return { core, shell };
}

describe('rollback run (in process, with fakes)', () => {
  it('goes back to the last good version, records itself, and marks the replaced deployment', async () => {
    const store = new FakeDeploymentStore();
    await history(store, [
      ['v1', 'success'],
      ['v2', 'success'],
    ]);
    const { core, shell } = await runInProcess(store);
    expect(core.failed).toBeUndefined();
    expect(Object.fromEntries(core.outputs)).toMatchObject({
      result: 'rolled-back',
      'from-version': 'v2',
      'to-version': 'v1',
    });
    expect(shell.calls.filter((c) => c.kind === 'run').map((c) => c.argv)).toEqual([['deploy/rollback.sh', 'v1']]);
    const rollback = store.records[0];
    expect(rollback).toMatchObject({ task: 'rollback', version: 'v1' });
    expect(store.statuses.filter((s) => s.id === rollback?.id).map((s) => s.state)).toEqual(['in_progress', 'success']);
  });

  it('with expect-current, rolls back only the version named: another serving version is left alone', async () => {
    const store = new FakeDeploymentStore();
    await history(store, [
      ['v1', 'success'],
      ['v2', 'success'],
    ]);
    const other = await runInProcess(store, { ...INPUTS, 'expect-current': 'v3' });
    expect(other.core.failed).toBeUndefined();
    expect(Object.fromEntries(other.core.outputs)).toMatchObject({ result: 'noop', 'from-version': 'v2' });
    expect(other.core.outputs.get('reason')).toBe(
      'Nothing rolled back: v2 is serving in production, not v3 (expect-current).',
    );
    expect(other.shell.calls.filter((c) => c.kind === 'run')).toEqual([]);
    expect(store.records.filter((r) => r.task === 'rollback')).toEqual([]);
    const same = await runInProcess(store, { ...INPUTS, 'expect-current': 'ref-v2' });
    expect(Object.fromEntries(same.core.outputs)).toMatchObject({ result: 'rolled-back', 'to-version': 'v1' });
  });

  it('ends its record with failure and sets every output when putting the old version back fails', async () => {
    const store = new FakeDeploymentStore();
    await history(store, [
      ['v1', 'success'],
      ['v2', 'success'],
    ]);
    const failing = new FakeShell(() => ({ code: 3, stdout: '', stderr: 'no such release' }));
    const { core } = await runInProcess(store, INPUTS, failing);
    expect(core.failed).toMatch(/rollback\.sh/);
    expect(Object.fromEntries(core.outputs)).toMatchObject({
      result: 'failed',
      'from-version': 'v2',
      'to-version': 'v1',
    });
    const rollback = store.records[0];
    expect(store.statuses.filter((s) => s.id === rollback?.id).map((s) => s.state)).toEqual(['in_progress', 'failure']);
  });

  it('fails on a bad input before reading the history', async () => {
    const store = new FakeDeploymentStore();
    const { core, shell } = await runInProcess(store, { ...INPUTS, 'max-duration': 'soon' });
    expect(core.failed).toMatch(/^Input 'max-duration' has an invalid value "soon"/);
    expect(shell.calls).toEqual([]);
  });
});

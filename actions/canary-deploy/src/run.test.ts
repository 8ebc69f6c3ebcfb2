import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeMetrics, FakeTraffic, window } from '@shipgate/canary/testing';
import type { Clock } from '@shipgate/core';
import { FakeShell } from '@shipgate/exec/testing';
import { FakeDeploymentStore } from '@shipgate/history/testing';
import { runAction } from '@shipgate/kit';
import { FakeActionsCore } from '@shipgate/kit/testing';
import { SYSTEM_ADAPTERS, type CanaryAdapters } from './adapters.js';
import { ACTION } from './inputs.js';
import { run } from './run.js';

/** A clock whose sleeps return at once, moving time on: a rollout of minutes runs in milliseconds. */
function instantClock(): Clock {
  let now = 1_700_000_000_000;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

const INPUTS = {
  version: 'v2',
  'stable-version': 'v1',
  provider: 'command',
  'set-weight-command': 'set-weight {weight}',
  stages: '10,50,100',
  'stage-duration': '1m',
  'analysis-interval': '30s',
  'min-samples': '10',
  metrics: 'prometheus',
  'prometheus-url': 'http://127.0.0.1:9',
  judge: 'threshold',
  token: 'ghs_token_for_tests_0000000000000000',
  environment: 'production',
  config: '.github/shipgate.yml',
  'working-directory': '.',
};

async function runInProcess(inputs: Record<string, string>, canaryErrors: number) {
  const core = new FakeActionsCore(inputs);
  const store = new FakeDeploymentStore();
  const traffic = new FakeTraffic();
  const adapters: CanaryAdapters = {
    ...SYSTEM_ADAPTERS,
    deploymentStore: () => store,
    shell: async () => new FakeShell(),
    checkHost: async () => undefined,
    traffic: () => traffic,
    metrics: () => new FakeMetrics(() => window([100, canaryErrors], [900, 0])),
    clock: instantClock(),
  };
  const workspace = mkdtempSync(join(tmpdir(), 'canary-run-'));
  const env = { GITHUB_WORKSPACE: workspace, GITHUB_REPOSITORY: 'octo-org/octo-repo', RUNNER_TEMP: workspace };
  await runAction(ACTION, (context) => run(context, env, adapters), { core, env });
  return { core, store, traffic };
}

describe('canary-deploy run (in process, with fakes)', () => {
  it('promotes a healthy canary stage by stage and records the deployment from in_progress to success', async () => {
    const { core, store, traffic } = await runInProcess(INPUTS, 0);
    expect(core.failed).toBeUndefined();
    expect(core.outputs.get('result')).toBe('promoted');
    expect(core.outputs.get('serving-version')).toBe('v2');
    expect(core.outputs.get('serving-targets')).toBe(''); // the command provider has no targets
    expect(traffic.calls).toEqual(['set 10 stage 1', 'set 50 stage 2', 'promote']);
    expect(store.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(store.records[0]?.payload).toMatchObject({
      shipgate: 2,
      version: 'v2',
      provider: 'command',
      previous: { version: 'v1' },
    });
    expect(core.state.get('rollout-finished')).toBe('true');
  });

  it('rolls a failing canary back and ends its record with failure', async () => {
    const { core, store, traffic } = await runInProcess(INPUTS, 30);
    expect(core.outputs.get('result')).toBe('rolled-back');
    expect(core.outputs.get('serving-version')).toBe('v1');
    expect(core.failed).toMatch(/^Stage 1 \(10%\)/);
    expect(traffic.calls.at(-1)).toBe('abort');
    expect(store.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
  });

  it('states in the summary what fails the canary: the floors and the warm-up', async () => {
    const { core } = await runInProcess({ ...INPUTS, 'warm-up': '20s' }, 0);
    expect(core.summary).toContain(
      "Fails when the canary error rate is above 1% or more than 0.5 points above stable's, or its p95 latency is above 2000 ms or more than 10% above stable's (and at least 5 ms). The first 20s of each stage are warm-up: shown, not judged for latency (errors are judged from the first request).",
    );
    const statistical = await runInProcess({ ...INPUTS, judge: 'statistical', 'max-error-rate-increase': '1' }, 0);
    expect(statistical.core.summary).toMatch(
      /Fails when the canary is shown worse than stable, .* an error rate more than 1 point above stable's; latencies slower than stable \+ 10% \(at least \+ 5 ms\), or more canary requests than stable's over stable's p99 \(at least 2× its 1%\)\. The first 15s of each stage are warm-up/,
    );
  });

  it('rejects a warm-up longer than half a stage before anything changes', async () => {
    const { core, traffic } = await runInProcess({ ...INPUTS, 'warm-up': '31s' }, 0);
    expect(core.failed).toMatch(/^Input 'warm-up' has an invalid value "31s".*at most half of stage-duration \(1m\)/);
    expect(traffic.calls).toEqual([]);
  });

  it('fails on a bad input before any record or traffic change', async () => {
    const { core, store, traffic } = await runInProcess({ ...INPUTS, stages: '50,10,100' }, 0);
    expect(core.failed).toMatch(/^Input 'stages' has an invalid value "50,10,100"/);
    expect(store.records).toEqual([]);
    expect(traffic.calls).toEqual([]);
  });

  it("keeps approval-gate's decision in the Deployment payload", async () => {
    const decision = {
      schema: 'shipgate/approval-gate/decision/v1',
      result: 'approved',
      reason: 'Approved by alice (1 of 1).',
      decidedAt: '2026-07-01T10:05:00.000Z',
      rules: [{ rule: 'approval', status: 'passed', reason: 'Approved by alice (1 of 1).' }],
      approvers: [{ login: 'alice', at: '2026-07-01T10:04:00.000Z', url: 'https://github.com/o/r/issues/5#c-1' }],
      requestUrl: 'https://github.com/o/r/issues/5',
    };
    const { core, store } = await runInProcess({ ...INPUTS, approval: JSON.stringify(decision) }, 0);
    expect(core.failed).toBeUndefined();
    expect(store.records[0]?.payload.approval).toEqual({ ...decision, runUrl: undefined, breakGlass: undefined });
  });

  it('refuses a decision that did not approve, before any record or traffic change', async () => {
    const denied = { schema: 'shipgate/approval-gate/decision/v1', result: 'denied', reason: 'Denied by bob.' };
    const { core, store, traffic } = await runInProcess({ ...INPUTS, approval: JSON.stringify(denied) }, 0);
    expect(core.failed).toMatch(
      /^Input 'approval' has an invalid value [^]*The gate decided 'denied' \(Denied by bob\.\)/,
    );
    expect(store.records).toEqual([]);
    expect(traffic.calls).toEqual([]);
    const garbage = await runInProcess({ ...INPUTS, approval: '{"result":"approved"}' }, 0);
    expect(garbage.core.failed).toMatch(/^Input 'approval' has an invalid value .*schema shipgate\/approval-gate/);
  });

  it('checks baseline-targets before any record or traffic change', async () => {
    const nginx = {
      ...INPUTS,
      provider: 'nginx',
      'stable-targets': '127.0.0.1:8081',
      'canary-targets': '127.0.0.1:8082',
      'baseline-targets': '127.0.0.1:8083',
      'nginx-upstream-file': '/etc/nginx/conf.d/shipgate-upstream.conf',
      'nginx-access-log': '/var/log/nginx/shipgate.log',
      metrics: 'nginx-log',
    };
    for (const [inputs, message] of [
      [
        { ...nginx, 'baseline-targets': '127.0.0.1:8083,127.0.0.1:8082' },
        /^Input 'baseline-targets' .*127\.0\.0\.1:8082/,
      ],
      [{ ...nginx, 'baseline-targets': '127.0.0.1:8081' }, /^Input 'baseline-targets' .*127\.0\.0\.1:8081/],
      [{ ...nginx, stages: '10,75,100' }, /^Input 'stages' .*up to 50/],
      [{ ...nginx, metrics: 'nginx-log,prometheus' }, /^Input 'metrics' .*nginx-log alone with baseline-targets/],
      [{ ...INPUTS, 'baseline-targets': '127.0.0.1:8083' }, /^Input 'baseline-targets' .*provider: nginx/],
    ] as const) {
      const { core, store, traffic } = await runInProcess(inputs, 0);
      expect(core.failed).toMatch(message);
      expect(store.records).toEqual([]);
      expect(traffic.calls).toEqual([]);
    }
  });
});

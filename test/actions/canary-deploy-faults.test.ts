import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pollUntil } from '../support/poll.js';
import { driveLoad, startPrometheus, startSshd, useService } from '../support/services/index.js';
import { runAction, startAction, STEP_GUARD_MS } from '../support/run-action.js';
import { startCanaryStage } from './canary-setup.js';

const ACTION = 'canary-deploy';
const FAST = {
  stages: '25,50,100',
  'stage-duration': '2s',
  'analysis-interval': '500ms',
  'min-samples': '10',
  'max-extension': '2s',
};

describe('canary-deploy faults', () => {
  it('an upstream change that fails nginx -t leaves nginx serving the previous config, and the rollout is rolled back', async () => {
    const stage = await startCanaryStage({ canaryTargets: 'no-such-host.invalid:8080' });
    const before = stage.upstreamText();
    const run = await runAction(ACTION, { ...stage.inputs, ...FAST }, { env: stage.env });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    expect(run.outputs.reason).toMatch(
      /^Stage 1: setting the canary weight to 25% failed: nginx rejected the upstream file for canary weight 25%; the previous file is back[\s\S]*host not found in upstream "no-such-host\.invalid:8080"/,
    );
    expect(stage.upstreamText()).toBe(before);
    expect(await stage.versionsServing(10)).toEqual({ v1: 10 });
  });

  it('a main step killed with SIGKILL mid-rollout is cleaned up by the post step', async () => {
    const stage = await startCanaryStage();
    const controller = new AbortController();
    const load = driveLoad({ url: stage.url, ratePerSecond: 40, durationMs: STEP_GUARD_MS, signal: controller.signal });
    const step = startAction(ACTION, { ...stage.inputs, ...FAST, 'stage-duration': '30s' }, { env: stage.env });
    await pollUntil(() => stage.upstreamText().includes(stage.canary.address), {
      timeoutMs: 15_000,
      description: 'the canary to get traffic',
    });
    step.child.kill('SIGKILL');
    const killed = await step.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.state).toMatchObject({ 'rollout-started': 'true' });
    expect(killed.state['rollout-finished']).toBeUndefined();
    const post = await step.runPost(killed.state);
    controller.abort();
    await load;
    expect(post.exitCode).toBe(0);
    expect(post.annotations.some((a) => a.level === 'warning' && /did not finish/.test(a.message))).toBe(true);
    expect(stage.upstreamText()).not.toContain(stage.canary.address);
    expect(await stage.versionsServing(10)).toEqual({ v1: 10 });
    const deployment = [...stage.github.state.deployments.values()].at(-1);
    expect(
      stage.github.state.deploymentStatuses.filter((s) => s.deploymentId === deployment?.id).map((s) => s.state),
    ).toEqual(['in_progress', 'failure']);
    expect(post.summary).toContain('traffic returned to stable');
  });

  it('the post step does nothing after a rollout that finished', async () => {
    const stage = await startCanaryStage();
    const run = await runAction(
      ACTION,
      { ...stage.inputs, ...FAST, 'on-no-data': 'fail', 'max-extension': '0s', stages: '25,100' },
      { env: stage.env },
    );
    expect(run.outputs.result).toBe('failed');
    const post = await run.runPost();
    expect(post.exitCode).toBe(0);
    expect(post.stdout).not.toContain('did not finish');
    expect(stage.upstreamText()).toContain(stage.canary.address); // on-no-data: fail leaves traffic where it was
  });

  it('the SSH provider against a real sshd does the same as the local one', async () => {
    const stage = await startCanaryStage();
    const sshd = await useService(startSshd());
    const controller = new AbortController();
    const load = driveLoad({ url: stage.url, ratePerSecond: 80, durationMs: STEP_GUARD_MS, signal: controller.signal });
    const run = await runAction(
      ACTION,
      {
        ...stage.inputs,
        ...FAST,
        'ssh-host': sshd.host,
        'ssh-port': String(sshd.port),
        'ssh-user': sshd.user,
        'ssh-key': sshd.privateKey,
        'ssh-known-hosts': sshd.knownHostsLine,
      },
      { env: stage.env },
    );
    controller.abort();
    await load;
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.result).toBe('promoted');
    expect(run.summary).toContain(`on ${sshd.user}@${sshd.host}`);
    expect(await stage.versionsServing(10)).toEqual({ v2: 10 });
    for (const text of [
      run.log,
      run.summary,
      JSON.stringify(run.outputs),
      readFileSync(run.outputs.report ?? '', 'utf8'),
    ]) {
      expect(text).not.toContain(sshd.privateKey.split('\n')[1]);
    }
  }, 600_000); // each SSH command starts the user's login shell (over 120 s at a load average of 25): a guard, not a speed limit

  it('Prometheus dying mid-rollout is a metrics failure, handled by on-failure', async () => {
    const stage = await startCanaryStage();
    const prometheus = await useService(startPrometheus({ targets: [stage.stable.address, stage.canary.address] }));
    const controller = new AbortController();
    const load = driveLoad({ url: stage.url, ratePerSecond: 40, durationMs: STEP_GUARD_MS, signal: controller.signal });
    await prometheus.waitForData('sum(http_requests_total)', { timeoutMs: 30_000 });
    const step = startAction(
      ACTION,
      {
        ...stage.inputs,
        ...FAST,
        metrics: 'prometheus',
        'prometheus-url': prometheus.url,
        'stage-duration': '20s',
        'analysis-interval': '1s',
        'max-metrics-failures': '2',
      },
      { env: stage.env },
    );
    await pollUntil(() => /Look 1:/.test(step.stdoutSoFar()), { timeoutMs: 20_000, description: 'the first look' });
    await prometheus.stop();
    const run = await step.done;
    controller.abort();
    await load;
    expect(run.outputs.result).toBe('rolled-back');
    expect(run.outputs.reason).toMatch(
      /the metrics could not be read 2 times in a row \(prometheus: Prometheus at http:\/\/127\.0\.0\.1:\d+ did not answer: connection refused/,
    );
    expect(await stage.versionsServing(10)).toEqual({ v1: 10 });
  });
});

describe('canary-deploy inputs that have no effect', () => {
  it('warns when a threshold-judge limit is given to the statistical judge', async () => {
    const stage = await startCanaryStage();
    const run = await runAction(
      ACTION,
      {
        ...stage.inputs,
        ...FAST,
        'max-error-rate': '2',
        'max-extension': '0s',
        stages: '25,100',
        'on-no-data': 'fail',
      },
      { env: stage.env },
    );
    expect(run.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toContain(
      "Input 'max-error-rate' is set but only the threshold judge uses it (judge: statistical); it has no effect here.",
    );
  });
});

describe('canary-deploy bad input fails before any traffic moves', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    [
      'weights out of order',
      { stages: '10,5,100' },
      /^Input 'stages' has an invalid value "10,5,100": expected whole percentages from 1 to 100, strictly increasing, ending at 100 \(for example 5,10,25,50,100\)\.\nStage 2 \(5%\) does not increase on stage 1 \(10%\)\.$/,
    ],
    [
      'an unknown provider',
      { provider: 'k8s' },
      /^Input 'provider' has an invalid value "k8s": expected one of: nginx, command\.$/,
    ],
    [
      'missing targets',
      { 'canary-targets': '' },
      /^Input 'canary-targets' is required: expected the canary's servers as host:port/,
    ],
    [
      'an unreadable ssh key',
      {
        'ssh-host': '127.0.0.1',
        'ssh-user': 'deploy',
        'ssh-key': 'not a key at all',
        'ssh-known-hosts': '127.0.0.1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
      },
      /ssh-key/,
    ],
    [
      'an interval longer than the stage',
      { 'stage-duration': '10s', 'analysis-interval': '1m' },
      /^Input 'analysis-interval' has an invalid value "1m": expected a duration no longer than stage-duration \(10s\)\.$/,
    ],
    [
      'no metrics source',
      { metrics: '', 'nginx-access-log': '' },
      /^Input 'metrics' is required: expected one or more of: prometheus, nginx-log, probes\./,
    ],
  ];

  it.each(cases)('%s', async (_name, inputs, message) => {
    const stage = await startCanaryStage();
    const before = stage.upstreamText();
    const run = await runAction(ACTION, { ...stage.inputs, ...FAST, ...inputs }, { env: stage.env });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.at(-1)?.message).toMatch(message);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    expect(stage.upstreamText()).toBe(before);
    expect([...stage.github.state.deployments.values()]).toHaveLength(0);
  });
});

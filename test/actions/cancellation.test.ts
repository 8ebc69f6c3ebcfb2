/**
 * A cancelled job (SIGTERM to the step, as the runner sends it) at several points of each action, against real
 * nginx, sshd (the SSH provider: a key file in RUNNER_TEMP and an SSH master) and the GitHub emulator. After each:
 * no process the step started survives, no key file remains, traffic is on a working version, and every
 * Deployment record the step wrote has a final status. Points are reached by polling what can be seen (emulator
 * requests, the upstream file, a fixture command that says it has started), never by sleeping.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { StepResult } from '@shipgate/local-runner';
import type { GitHubEmulator } from '../support/github-emulator/index.js';
import { repoRoot } from '../support/paths.js';
import { pollUntil } from '../support/poll.js';
import { startHttpTestServer } from '../support/probe-servers/index.js';
import {
  createTempDir,
  isProcessAlive,
  processesMentioning,
  startSshd,
  useService,
  type Sshd,
} from '../support/services/index.js';
import { startAction, STEP_GUARD_MS } from '../support/run-action.js';
import { startCanaryStage } from './canary-setup.js';
import { workspaceWith } from './probes-workspace.js';
import { getOnce, promotedV2 } from './rollback-setup.js';

// Each SSH command starts the user's login shell, slow on a loaded machine: a limit on the test, not on speed.
const SSH_TEST_LIMIT = 600_000;
const FINAL_STATES = ['success', 'failure', 'error', 'inactive'];
const HOLD = join(repoRoot, 'test/fixtures/cancellation/hold-on-call.sh');
const FAST = {
  stages: '25,50,100',
  'stage-duration': '30s',
  'analysis-interval': '500ms',
  'min-samples': '10',
  'max-extension': '2s',
};

/** The ssh-* inputs that send an action's nginx commands through the real sshd. */
function sshInputs(sshd: Sshd): Record<string, string> {
  return {
    'ssh-host': sshd.host,
    'ssh-port': String(sshd.port),
    'ssh-user': sshd.user,
    'ssh-key': sshd.privateKey,
    'ssh-known-hosts': sshd.knownHostsLine,
  };
}

/**
 * `testCommand` wrapped by the hold-on-call fixture: its `call`-th run says it has started and waits until the test
 * ends (a slow `nginx -t`, run over SSH). The held command is released and awaited when the test finishes.
 */
function holdOnCall(testCommand: string, call: number): { command: string; holding(): boolean } {
  const dir = createTempDir('hold');
  const pidFile = dir.join('holding');
  onTestFinished(async () => {
    writeFileSync(dir.join('release'), '');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8'));
      await pollUntil(() => !isProcessAlive(pid), { timeoutMs: 30_000, description: 'the held command to end' });
    }
    dir.remove();
  });
  return { command: `sh ${HOLD} ${dir.path} ${call} ${testCommand}`, holding: () => existsSync(pidFile) };
}

/** Files and directories under `dir` that hold an SSH key (the shell's private `shipgate-ssh-*` directories). */
function keyFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((path) =>
    path.split('/').some((part) => part.startsWith('shipgate-ssh-') || part === 'key'),
  );
}

/** Polls until the emulator has received a request, e.g. the POST that creates the record. */
function requestArrived(github: GitHubEmulator, method: string, path: RegExp): Promise<true> {
  return pollUntil(() => github.requests.some((r) => r.method === method && path.test(r.path)), {
    timeoutMs: 60_000,
    description: `${method} ${path} to reach the emulator`,
  });
}

/** Cancels a step as the runner does with SIGTERM, and returns how it ended. */
async function cancel(step: ReturnType<typeof startAction>): Promise<StepResult> {
  step.child.kill('SIGTERM');
  return step.done;
}

/** The step handled the signal and failed itself (it was not killed by it). */
function expectFailedCleanly(result: StepResult): void {
  expect(result.signal, result.stderr).toBeNull();
  expect(result.exitCode, result.stdout).toBe(1);
  expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
}

/** No process the job's steps started is left (every one inherits RUNNER_TEMP; a master names its socket there). */
async function expectNoProcessLeft(runnerTemp: string): Promise<void> {
  await pollUntil(() => processesMentioning(runnerTemp).length === 0, {
    timeoutMs: 15_000,
    description: 'the processes the step started to end',
  }).catch(() => undefined);
  expect(processesMentioning(runnerTemp)).toEqual([]);
}

/** Every Deployment record not in `before` ends with a final status. */
function unfinishedRecords(github: GitHubEmulator, before: number[]): { id: number; state: string | undefined }[] {
  return github.state.deployments
    .filter((d) => !before.includes(d.id))
    .map((d) => ({ id: d.id, state: github.state.latestStatus(d.id)?.state }))
    .filter((d) => !FINAL_STATES.includes(d.state ?? 'none'));
}

/** Sequential requests through nginx all answered by one of `versions`. */
async function expectServing(url: string, versions: string[]): Promise<void> {
  for (let i = 0; i < 10; i++) expect(versions).toContain(await getOnce(url));
}

describe('canary-deploy cancelled (SSH provider)', () => {
  async function start(inputs: Record<string, string> = {}) {
    const stage = await startCanaryStage();
    const sshd = await useService(startSshd());
    const step = startAction(
      'canary-deploy',
      { ...stage.inputs, ...FAST, ...sshInputs(sshd), ...inputs },
      { env: stage.env },
    );
    return { stage, step, runnerTemp: step.job.runnerTemp };
  }

  /** What every cancellation must leave, after the post step ran with the state the main step saved. */
  async function expectCleanAfterPost(run: Awaited<ReturnType<typeof start>>, result: StepResult): Promise<StepResult> {
    const post = await run.step.runPost(result.state);
    expect(post.exitCode, post.stdout).toBe(0);
    await expectNoProcessLeft(run.runnerTemp);
    expect(keyFiles(run.runnerTemp)).toEqual([]);
    expect(run.stage.upstreamText()).not.toContain(run.stage.canary.address);
    await expectServing(run.stage.url, ['v1']);
    expect(unfinishedRecords(run.stage.github, [])).toEqual([]);
    return post;
  }

  it(
    'while creating its record, with the shell open: the shell is closed and nothing moved',
    async () => {
      const run = await start();
      // The record's creation hangs (GitHub slow): the step is cancelled with its key file and master live.
      run.stage.github.inject({ method: 'POST', path: /\/deployments$/, fault: { latencyMs: 30_000 } });
      await requestArrived(run.stage.github, 'POST', /\/deployments$/);
      expect(keyFiles(run.runnerTemp)).not.toEqual([]);
      expect(processesMentioning(run.runnerTemp)).not.toEqual([]);
      const result = await cancel(run.step);
      expectFailedCleanly(result);
      expect(result.state['rollout-started']).toBeUndefined();
      await expectCleanAfterPost(run, result);
    },
    SSH_TEST_LIMIT,
  );

  it(
    'mid-stage, between looks: the rollout or its post step returns traffic to stable',
    async () => {
      const run = await start();
      await pollUntil(() => /Look 1:/.test(run.step.stdoutSoFar()), {
        timeoutMs: STEP_GUARD_MS,
        description: 'the first look at stage 1',
      });
      expect(run.stage.upstreamText()).toContain(run.stage.canary.address);
      const result = await cancel(run.step);
      expectFailedCleanly(result);
      await expectCleanAfterPost(run, result);
    },
    SSH_TEST_LIMIT,
  );

  it(
    'during a weight change over SSH: released under the busy step, and the post step returns traffic',
    async () => {
      const stage = await startCanaryStage();
      const hold = holdOnCall(stage.inputs['nginx-test-command'] ?? '', 2);
      const sshd = await useService(startSshd());
      const step = startAction(
        'canary-deploy',
        { ...stage.inputs, ...FAST, ...sshInputs(sshd), 'stage-duration': '3s', 'nginx-test-command': hold.command },
        { env: stage.env },
      );
      const run = { stage, step, runnerTemp: step.job.runnerTemp };
      await pollUntil(hold.holding, {
        timeoutMs: STEP_GUARD_MS,
        description: 'the second nginx -t (after 25%) to start',
      });
      const result = await cancel(step);
      expectFailedCleanly(result);
      expect(result.state).toMatchObject({ 'rollout-started': 'true' });
      expect(result.state['rollout-finished']).toBeUndefined();
      const post = await expectCleanAfterPost(run, result);
      expect(post.summary).toContain('traffic returned to stable');
    },
    SSH_TEST_LIMIT,
  );
});

describe('rollback cancelled (SSH provider)', () => {
  async function start(inputs: Record<string, string> = {}) {
    const env = await promotedV2();
    const sshd = await useService(startSshd());
    const before = env.github.state.deployments.map((d) => d.id);
    const step = startAction('rollback', { ...env.inputs, ...sshInputs(sshd), ...inputs }, { env: env.env });
    return { env, step, before, runnerTemp: step.job.runnerTemp };
  }

  async function expectClean(run: Awaited<ReturnType<typeof start>>, serving: string[]): Promise<void> {
    await expectNoProcessLeft(run.runnerTemp);
    expect(keyFiles(run.runnerTemp)).toEqual([]);
    await expectServing(run.env.url, serving);
    expect(unfinishedRecords(run.env.github, run.before)).toEqual([]);
  }

  it(
    'while creating its record, with the shell open: the shell is closed and traffic stays on v2',
    async () => {
      const run = await start();
      run.env.github.inject({ method: 'POST', path: /\/deployments$/, fault: { latencyMs: 30_000 } });
      await requestArrived(run.env.github, 'POST', /\/deployments$/);
      expect(keyFiles(run.runnerTemp)).not.toEqual([]);
      expect(processesMentioning(run.runnerTemp)).not.toEqual([]);
      expectFailedCleanly(await cancel(run.step));
      await expectClean(run, ['v2']);
    },
    SSH_TEST_LIMIT,
  );

  it(
    'during the switch (nginx -t over SSH held): released under the busy step, its record ends as error',
    async () => {
      const env = await promotedV2();
      const hold = holdOnCall(env.inputs['nginx-test-command'], 1);
      const sshd = await useService(startSshd());
      const before = env.github.state.deployments.map((d) => d.id);
      const step = startAction(
        'rollback',
        { ...env.inputs, ...sshInputs(sshd), 'nginx-test-command': hold.command },
        { env: env.env },
      );
      await pollUntil(hold.holding, { timeoutMs: STEP_GUARD_MS, description: 'the switch to v1 to start' });
      const mine = env.github.state.deployments.find((d) => !before.includes(d.id));
      expect(mine && env.github.state.latestStatus(mine.id)?.state).toBe('in_progress');
      expectFailedCleanly(await cancel(step));
      // nginx was not reloaded: v2 still serves (v1 is up too); either is a working version.
      await expectClean({ env, step, before, runnerTemp: step.job.runnerTemp }, ['v1', 'v2']);
      expect(mine && env.github.state.latestStatus(mine.id)?.state).toBe('error');
    },
    SSH_TEST_LIMIT,
  );
});

describe('synthetic-probes cancelled', () => {
  it('mid-suite, between rounds of wait-until-healthy: the step ends at once, failed', async () => {
    const http = await useService(startHttpTestServer());
    const workspace = workspaceWith({
      '.github/probes.yml': 'probes:\n  - {name: ok, url: /ok}\n  - {name: down, url: /healthy-after?n=1000000}\n',
    });
    const step = startAction(
      'synthetic-probes',
      { 'base-url': http.url, 'wait-until-healthy': '10m', 'wait-interval': '200ms' },
      { workspace },
    );
    await pollUntil(() => /down/.test(step.stdoutSoFar()), { timeoutMs: 60_000, description: 'the first round' });
    const result = await cancel(step);
    expectFailedCleanly(result);
    expect(result.annotations.at(-1)?.message).toMatch(/^The job was cancelled \(SIGTERM\)/);
    await expectNoProcessLeft(step.job.runnerTemp);
  });
});

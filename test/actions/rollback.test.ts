import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startSshd, useService } from '../support/services/index.js';
import { runAction } from '../support/run-action.js';
import { workspaceWith } from './probes-workspace.js';
import { ok, promotedV2 } from './rollback-setup.js';

const ACTION = 'rollback';

describe('rollback with real nginx and the GitHub emulator', () => {
  it('goes back to the last good version, records itself, and is a no-op the second time', async () => {
    const env = await promotedV2();
    expect(await env.serving()).toEqual({ v2: 10 });
    const run = await runAction(ACTION, env.inputs, { env: env.env });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({
      result: 'rolled-back',
      'from-version': 'v2',
      'to-version': 'v1',
      verified: '',
    });
    expect(await env.serving()).toEqual({ v1: 10 });
    expect(env.statesOf('v2')).toEqual(['failure']);
    const rollbackRecord = env.github.state.deployments.find((d) => d.task === 'rollback');
    expect(rollbackRecord?.payload).toMatchObject({
      version: 'v1',
      targets: [env.v1.address],
      previous: { version: 'v2' },
    });
    expect(run.summary).toContain('Rolled back: production v2 → v1');

    const again = await runAction(ACTION, env.inputs, { env: env.env });
    expect(again.exitCode).toBe(0);
    expect(again.outputs).toMatchObject({ result: 'noop', 'from-version': 'v1', 'to-version': 'v1' });
    expect(again.outputs.reason).toMatch(/put back by a rollback .* nothing has been deployed since/);
    expect(await env.serving()).toEqual({ v1: 10 });
    expect(env.github.state.deployments.filter((d) => d.task === 'rollback')).toHaveLength(1);
    await env.close();
  });

  it('finds the right target across failures and other environments', async () => {
    const env = await promotedV2({
      history: (gh, v1, v2) => {
        const seed = (environment: string, version: string, targets: string[], statuses: unknown[]) =>
          gh.seedDeployment({
            environment,
            ref: `ref-${version}`,
            task: 'deploy:canary',
            payload: { shipgate: 2, version, targets },
            statuses: statuses as never,
          });
        seed('production', 'v0', ['127.0.0.1:9'], [ok]);
        seed('production', 'v1', [v1.address], [ok]);
        seed('production', 'v1.5', ['127.0.0.1:9'], ['in_progress', 'failure']);
        seed('staging', 'v9', ['127.0.0.1:9'], [ok]);
        seed('production', 'v2', [v2.address], ['in_progress', ok]);
        seed('staging', 'v10', ['127.0.0.1:9'], [ok]);
      },
    });
    const run = await runAction(ACTION, env.inputs, { env: env.env });
    expect(run.outputs, run.stdout).toMatchObject({ result: 'rolled-back', 'from-version': 'v2', 'to-version': 'v1' });
    await env.close();
  });

  it('refuses a `to` that is not in the history, leaving traffic alone', async () => {
    const env = await promotedV2();
    const run = await runAction(ACTION, { ...env.inputs, to: 'v7' }, { env: env.env });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.at(-1)?.message).toBe(
      'Input \'to\' has an invalid value "v7": expected a version with a successful deployment in production (v2, v1).\nSet force: true to go to a version that is not in the history.',
    );
    expect(await env.serving()).toEqual({ v2: 10 });
    await env.close();
  });

  it('works in emergency mode when the current version is down', async () => {
    const env = await promotedV2();
    await env.v2.stop();
    const run = await runAction(ACTION, { ...env.inputs, emergency: 'true' }, { env: env.env });
    expect(run.outputs, run.stdout).toMatchObject({ result: 'rolled-back', 'to-version': 'v1' });
    expect(await env.serving()).toEqual({ v1: 10 });
    await env.close();
  });

  it('never switches to an old version that is down: traffic stays where it was', async () => {
    const env = await promotedV2();
    env.v1.set({ healthy: false });
    const run = await runAction(ACTION, env.inputs, { env: env.env });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.at(-1)?.message).toMatch(
      /^The servers of v1 are not serving \(127\.0\.0\.1:\d+ \(HTTP 503\)\), so traffic was left where it was\.\nStart v1 there, or set deploy-command/,
    );
    expect(await env.serving()).toEqual({ v2: 10 });
    expect(env.statesOf('v1').at(-1)).toBe('failure'); // the rollback deployment (of v1) failed
    await env.close();
  });

  it('reports a failed verification without rolling back further', async () => {
    const env = await promotedV2();
    const workspace = workspaceWith({
      '.github/verify.yml':
        'probes:\n  - {name: wants-v3, url: /rollout/, expect: {json: [{path: $.version, equals: v3}]}}\n',
    });
    const run = await runAction(
      ACTION,
      { ...env.inputs, verify: '.github/verify.yml', 'verify-base-url': env.nginx.url, 'wait-until-healthy': '0s' },
      { env: env.env, workspace },
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failed', verified: 'false', 'to-version': 'v1' });
    expect(run.outputs.reason).toMatch(
      /^Rolled back to v1, but verification failed: .*json \$\.version: expected equals "v3", got "v1"/,
    );
    expect(await env.serving()).toEqual({ v1: 10 });
    await env.close();
  });

  it('rolls back over SSH against a real sshd, and notifies the webhook', async () => {
    const env = await promotedV2();
    const sshd = await useService(startSshd());
    const received: unknown[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const port = (hook.address() as { port: number }).port;
    const run = await runAction(
      ACTION,
      {
        ...env.inputs,
        'ssh-host': sshd.host,
        'ssh-port': String(sshd.port),
        'ssh-user': sshd.user,
        'ssh-key': sshd.privateKey,
        'ssh-known-hosts': sshd.knownHostsLine,
        'notify-webhook': `http://127.0.0.1:${port}/hook`,
      },
      { env: env.env },
    );
    hook.close();
    expect(run.outputs, run.stdout).toMatchObject({ result: 'rolled-back', 'to-version': 'v1' });
    expect(await env.serving()).toEqual({ v1: 10 });
    expect(received).toEqual([
      expect.objectContaining({
        environment: 'production',
        from: 'v2',
        to: 'v1',
        result: 'rolled-back',
        verified: null,
      }),
    ]);
    expect(run.log).not.toContain(`127.0.0.1:${port}/hook`);
    expect(readFileSync(run.outputs.report ?? '', 'utf8')).not.toContain(sshd.privateKey.split('\n')[1]);
    await env.close();
  });

  it('says there is nothing to roll back to without history', async () => {
    const env = await promotedV2({ history: () => undefined });
    const run = await runAction(ACTION, env.inputs, { env: env.env });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.at(-1)?.message).toMatch(
      /^The environment 'production' has no deployments, so there is no version to roll back to\.\n/,
    );
    await env.close();
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { repoRoot, requireNode24 } from '../support/paths.js';
import { generateKeyPair, getFreePort } from '../support/services/index.js';
import { runAction } from '../support/run-action.js';
import { getOnce, promotedV2 } from './rollback-setup.js';

describe('rollback faults and guarantees', () => {
  it('serves every request during the switch while both versions are up', async () => {
    const env = await promotedV2();
    const seen: string[] = [];
    let running = true;
    const client = (async () => {
      while (running) seen.push(await getOnce(env.url));
    })();
    const run = await runAction('rollback', env.inputs, { env: env.env });
    running = false;
    await client;
    expect(run.outputs.result, run.stdout).toBe('rolled-back');
    const failed = seen.filter((s) => s !== 'v1' && s !== 'v2');
    expect(seen.length).toBeGreaterThan(20);
    expect(failed).toEqual([]);
    expect(seen.at(-1)).toBe('v1');
  });

  it('starts the old version with deploy-command when its servers are down, then switches', async () => {
    const port = await getFreePort();
    const env = await promotedV2({ v1Address: `127.0.0.1:${port}` });
    const pidFile = join(env.dir.path, 'v1.pid');
    onTestFinished(() => {
      if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    });
    const deploy = `${requireNode24()} ${join(repoRoot, 'test/fixtures/rollback/start-app.mjs')} ${port} {version} ${pidFile}`;
    const run = await runAction(
      'rollback',
      { ...env.inputs, 'deploy-command': deploy, 'health-timeout': '20s' },
      { env: env.env },
    );
    expect(run.outputs, run.stdout).toMatchObject({ result: 'rolled-back', 'to-version': 'v1' });
    expect(run.summary).toMatch(/healthy on \/health after deploy-command/);
    expect(await getOnce(env.url)).toBe('v1');
  });

  it('warns when the rollback takes longer than max-duration, and reports the duration', async () => {
    const port = await getFreePort();
    const env = await promotedV2({ v1Address: `127.0.0.1:${port}` });
    const pidFile = join(env.dir.path, 'v1.pid');
    onTestFinished(() => {
      if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    });
    const deploy = `${requireNode24()} ${join(repoRoot, 'test/fixtures/rollback/start-app.mjs')} ${port} {version} ${pidFile} 1200`;
    const run = await runAction(
      'rollback',
      { ...env.inputs, 'deploy-command': deploy, 'max-duration': '1s' },
      { env: env.env },
    );
    expect(run.outputs.result, run.stdout).toBe('rolled-back');
    expect(Number(run.outputs['duration-seconds'])).toBeGreaterThan(1);
    expect(run.annotations).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(/^The rollback took \d+\.\d s, over max-duration \(1 s\)\.$/),
      }),
    ]);
    expect(run.summary).toMatch(/over max-duration 1 s/);
  });

  it('names the missing permission when the token cannot write deployments', async () => {
    const env = await promotedV2();
    env.github.inject({
      method: 'POST',
      path: /\/deployments$/,
      fault: {
        status: 403,
        message: 'Resource not accessible by integration',
        headers: { 'x-accepted-github-permissions': 'deployments=write' },
      },
    });
    const run = await runAction('rollback', env.inputs, { env: env.env });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.at(-1)?.message).toMatch(/deployments=write|deployments: write/);
    expect(await getOnce(env.url)).toBe('v2');
  });

  it('a webhook that cannot be reached is a warning, not a failed rollback', async () => {
    const env = await promotedV2();
    const port = await getFreePort();
    const run = await runAction(
      'rollback',
      { ...env.inputs, 'notify-webhook': `http://127.0.0.1:${port}/hook` },
      { env: env.env },
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('rolled-back');
    expect(run.annotations).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: 'The rollback notification was not delivered: the webhook could not be reached (ECONNREFUSED).',
      }),
    ]);
  });

  it('explains a 404 from the GitHub API', async () => {
    const env = await promotedV2();
    env.github.inject({ method: 'GET', path: /\/deployments$/, fault: { status: 404 } });
    const run = await runAction('rollback', env.inputs, { env: env.env });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.at(-1)?.message).toMatch(/HTTP 404[\s\S]*(not found|cannot see)/i);
    // Every output is set although the history could not be read (issue 9, item 3).
    expect(run.outputs).toMatchObject({ result: 'failed', 'from-version': '', 'to-version': '', verified: '' });
    expect(run.outputs.reason).toMatch(/HTTP 404/);
    expect(run.outputs['duration-seconds']).toMatch(/^\d+(\.\d)?$/);
    expect(await getOnce(env.url)).toBe('v2');
  });

  it('retries GitHub API 5xx errors', async () => {
    const env = await promotedV2();
    env.github.inject({ method: 'GET', path: /\/deployments$/, times: 2, fault: { status: 502 } });
    const run = await runAction('rollback', env.inputs, { env: env.env });
    expect(run.outputs.result, run.stdout).toBe('rolled-back');
  });

  it('fails clearly when SSH is refused, leaving traffic where it was', async () => {
    const env = await promotedV2();
    const port = await getFreePort();
    const key = await generateKeyPair(join(env.dir.path, 'key'));
    const run = await runAction(
      'rollback',
      {
        ...env.inputs,
        'ssh-host': '127.0.0.1',
        'ssh-port': String(port),
        'ssh-user': 'root',
        'ssh-key': readFileSync(key.privateKeyPath, 'utf8'),
        'ssh-strict-host-key-checking': 'false',
      },
      { env: env.env },
    );
    expect(run.exitCode).toBe(1);
    expect(run.annotations.at(-1)?.message).toMatch(/refused/i);
    // Every output is set although it failed before its record, versions included (issue 9, item 3).
    expect(run.outputs).toMatchObject({ result: 'failed', 'from-version': 'v2', 'to-version': 'v1' });
    expect(run.outputs.reason).toMatch(/refused/i);
    expect(env.github.state.deployments).toHaveLength(2);
    expect(await getOnce(env.url)).toBe('v2');
  });
});

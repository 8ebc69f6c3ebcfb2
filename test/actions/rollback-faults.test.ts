import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { renderUpstream } from '@shipgate/traffic';
import { startGitHubEmulator } from '../support/github-emulator/index.js';
import { repoRoot, requireNode24 } from '../support/paths.js';
import {
  createTempDir,
  generateKeyPair,
  getFreePort,
  startAppServer,
  startNginx,
  useService,
} from '../support/services/index.js';
import { runAction } from '../support/run-action.js';

const ok = { state: 'success' as const, autoInactive: false };

async function setup(v1Address?: string) {
  const v1 = v1Address ? undefined : await useService(startAppServer({ version: 'v1' }));
  const v2 = await useService(startAppServer({ version: 'v2' }));
  const v1Target = v1Address ?? (v1 as NonNullable<typeof v1>).address;
  const dir = createTempDir('rollback-faults');
  onTestFinished(() => dir.remove());
  const upstreamFile = dir.join('shipgate-upstream.conf');
  writeFileSync(
    upstreamFile,
    renderUpstream(
      { upstream: 'shipgate_app', stableTargets: [v1Target], canaryTargets: [v2.address], split: { mode: 'weighted' } },
      100,
    ),
  );
  const nginx = await useService(
    startNginx({
      upstream: [{ address: v2.address }],
      upstreamName: 'fixture_default',
      httpConfig: `include ${upstreamFile};`,
      serverConfig: 'location /rollout/ {\n  proxy_pass http://shipgate_app;\n}',
    }),
  );
  const github = await startGitHubEmulator({ owner: 'octo-org', repo: 'octo-repo' });
  onTestFinished(() => github.close());
  github.seedDeployment({
    environment: 'production',
    ref: 'ref-v1',
    task: 'deploy:canary',
    payload: { shipgate: 2, version: 'v1', targets: [v1Target] },
    statuses: [ok],
  });
  github.seedDeployment({
    environment: 'production',
    ref: 'ref-v2',
    task: 'deploy:canary',
    payload: { shipgate: 2, version: 'v2', targets: [v2.address] },
    statuses: ['in_progress', ok] as never,
  });
  return {
    nginx,
    github,
    dir,
    v1Target,
    env: { GITHUB_API_URL: github.url },
    inputs: {
      token: github.token,
      environment: 'production',
      'nginx-upstream-file': upstreamFile,
      'nginx-test-command': nginx.testCommand,
      'nginx-reload-command': nginx.reloadCommand,
      'nginx-pid-file': nginx.pidFile,
      'allowed-targets': `${v1Target},${v2.address}`,
    },
    url: `${nginx.url}/rollout/`,
  };
}

/** One GET on a new connection (no keep-alive), as a fresh client would send it; resolves with the version or an error. */
function getOnce(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, headers: { connection: 'close' }, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve(res.statusCode === 200 ? (res.headers['x-app-version'] as string) : `HTTP ${res.statusCode}`),
      );
    });
    req.on('error', (error) => resolve(`error ${error.message}`));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

describe('rollback faults and guarantees', () => {
  it('serves every request during the switch while both versions are up', async () => {
    const env = await setup();
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
    const env = await setup(`127.0.0.1:${port}`);
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
    const env = await setup(`127.0.0.1:${port}`);
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
    const env = await setup();
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
    const env = await setup();
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
    const env = await setup();
    env.github.inject({ method: 'GET', path: /\/deployments$/, fault: { status: 404 } });
    const run = await runAction('rollback', env.inputs, { env: env.env });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.at(-1)?.message).toMatch(/HTTP 404[\s\S]*(not found|cannot see)/i);
    expect(await getOnce(env.url)).toBe('v2');
  });

  it('retries GitHub API 5xx errors', async () => {
    const env = await setup();
    env.github.inject({ method: 'GET', path: /\/deployments$/, times: 2, fault: { status: 502 } });
    const run = await runAction('rollback', env.inputs, { env: env.env });
    expect(run.outputs.result, run.stdout).toBe('rolled-back');
  });

  it('fails clearly when SSH is refused, leaving traffic where it was', async () => {
    const env = await setup();
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
    expect(await getOnce(env.url)).toBe('v2');
  });
});

import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { onTestFinished } from 'vitest';
import { renderUpstream } from '@shipgate/traffic';
import { startGitHubEmulator } from '../support/github-emulator/index.js';
import { createTempDir, startAppServer, startNginx, useService } from '../support/services/index.js';

const ok = { state: 'success' as const, autoInactive: false };

/**
 * v1 and v2 behind real nginx with v2 serving, a history that says so (v1 then v2, both successful) and the
 * GitHub emulator: what a rollback to v1 starts from. `v1Address` names a v1 that is not running.
 */
export async function setup(v1Address?: string) {
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
export function getOnce(url: string): Promise<string> {
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

import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { onTestFinished } from 'vitest';
import { renderUpstream } from '@shipgate/traffic';
import { startGitHubEmulator, type GitHubEmulator } from '../support/github-emulator/index.js';
import { createTempDir, startAppServer, startNginx, useService, type AppServer } from '../support/services/index.js';

/** A successful status, kept active. */
export const ok = { state: 'success' as const, autoInactive: false };

/**
 * v1 and v2 behind real nginx with v2 serving (as after a promotion), a history that says so (v1, then v2 with
 * v1 as its `previous`) and the GitHub emulator: what a rollback to v1 starts from. `v1Address` names a v1 that
 * is not running (the v1 server still starts, unused); `history` replaces the seeded records.
 */
export async function promotedV2(
  options: { v1Address?: string; history?: (gh: GitHubEmulator, v1: AppServer, v2: AppServer) => void } = {},
) {
  const v1 = await useService(startAppServer({ version: 'v1' }));
  const v2 = await useService(startAppServer({ version: 'v2' }));
  const v1Target = options.v1Address ?? v1.address;
  const dir = createTempDir('rollback');
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
  const seed = (
    version: string,
    targets: string[],
    extra: Record<string, unknown> = {},
    statuses: unknown[] = ['in_progress', ok],
  ) =>
    github.seedDeployment({
      environment: 'production',
      ref: `ref-${version}`,
      task: 'deploy:canary',
      payload: { shipgate: 2, version, targets, ...extra },
      statuses: statuses as never,
    });
  if (options.history) options.history(github, v1, v2);
  else {
    seed('v1', [v1Target]);
    seed('v2', [v2.address], { previous: { version: 'v1', targets: [v1Target] } });
  }
  const url = `${nginx.url}/rollout/`;
  return {
    v1,
    v2,
    v1Target,
    nginx,
    github,
    dir,
    upstreamFile,
    seed,
    url,
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
    /** The versions `count` fresh requests through nginx were answered by. */
    async serving(count = 10): Promise<Record<string, number>> {
      const seen: Record<string, number> = {};
      for (let i = 0; i < count; i++) {
        const v = await getOnce(url);
        seen[v] = (seen[v] ?? 0) + 1;
      }
      return seen;
    },
    statesOf: (version: string) =>
      github.state.deployments
        .filter((d) => (d.payload as { version?: string }).version === version)
        .map((d) => github.state.deploymentStatuses.filter((s) => s.deploymentId === d.id).at(-1)?.state),
    close: () => github.close(),
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

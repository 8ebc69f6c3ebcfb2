import { writeFileSync } from 'node:fs';
import { renderUpstream } from '@shipgate/traffic';
import { startGitHubEmulator, type GitHubEmulator } from '../support/github-emulator/index.js';
import { createTempDir, startAppServer, startNginx, useService, type AppServer } from '../support/services/index.js';

/** A successful status, kept active. */
export const ok = { state: 'success' as const, autoInactive: false };

/** v1 and v2 behind real nginx with v2 serving (as after a promotion), and a history that says so. */
export async function promotedV2(
  options: { history?: (gh: GitHubEmulator, v1: AppServer, v2: AppServer) => void } = {},
) {
  const v1 = await useService(startAppServer({ version: 'v1' }));
  const v2 = await useService(startAppServer({ version: 'v2' }));
  const dir = createTempDir('rollback');
  const upstreamFile = dir.join('shipgate-upstream.conf');
  writeFileSync(
    upstreamFile,
    renderUpstream(
      {
        upstream: 'shipgate_app',
        stableTargets: [v1.address],
        canaryTargets: [v2.address],
        split: { mode: 'weighted' },
      },
      100,
    ),
  );
  const nginx = await useService(
    startNginx({
      upstream: [{ address: v1.address }],
      upstreamName: 'fixture_default',
      httpConfig: `include ${upstreamFile};`,
      serverConfig: 'location /rollout/ {\n  proxy_pass http://shipgate_app;\n}',
    }),
  );
  const github = await startGitHubEmulator({ owner: 'octo-org', repo: 'octo-repo' });
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
    seed('v1', [v1.address]);
    seed('v2', [v2.address], { previous: { version: 'v1', targets: [v1.address] } });
  }
  const url = `${nginx.url}/rollout/`;
  return {
    v1,
    v2,
    nginx,
    github,
    upstreamFile,
    seed,
    env: { GITHUB_API_URL: github.url },
    inputs: {
      token: github.token,
      environment: 'production',
      'nginx-upstream-file': upstreamFile,
      'nginx-test-command': nginx.testCommand,
      'nginx-reload-command': nginx.reloadCommand,
      'nginx-pid-file': nginx.pidFile,
      'allowed-targets': `${v1.address},${v2.address}`,
    },
    async serving(count = 10): Promise<Record<string, number>> {
      const seen: Record<string, number> = {};
      for (let i = 0; i < count; i++) {
        const r = await fetch(url);
        await r.arrayBuffer();
        const v = r.headers.get('x-app-version') ?? `HTTP ${r.status}`;
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

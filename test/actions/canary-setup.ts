import { readFileSync, writeFileSync } from 'node:fs';
import { onTestFinished } from 'vitest';
import { renderUpstream } from '@shipgate/traffic';
import { startGitHubEmulator, type GitHubEmulator } from '../support/github-emulator/index.js';
import { STEP_GUARD_MS } from '../support/run-action.js';
import {
  createTempDir,
  driveLoad,
  startAppServer,
  startNginx,
  useService,
  type AppBehaviour,
  type AppServer,
  type Nginx,
} from '../support/services/index.js';

/** A stable and a canary app behind a real nginx whose upstream file canary-deploy owns, and the GitHub emulator. */
export interface CanaryStage {
  nginx: Nginx;
  stable: AppServer;
  canary: AppServer;
  /** A fresh instance of the stable version (v1), when asked for: `baseline-targets` is then set. */
  baseline: AppServer | undefined;
  github: GitHubEmulator;
  upstreamFile: string;
  /** Through nginx, to the upstream canary-deploy controls. */
  url: string;
  /** The inputs that point canary-deploy at all this. */
  inputs: Record<string, string>;
  /** The environment for the step (the emulator's URL). */
  env: Record<string, string>;
  /** Versions that answered `count` sequential requests through nginx. */
  versionsServing(count: number): Promise<Record<string, number>>;
  upstreamText(): string;
}

export async function startCanaryStage(
  options: {
    stable?: Partial<Omit<AppBehaviour, 'version'>>;
    canary?: Partial<Omit<AppBehaviour, 'version'>>;
    canaryTargets?: string;
    /**
     * Leave nginx's default `proxy_next_upstream error timeout` on, as the README's snippet does: a failed
     * canary attempt is retried on stable. Default off, so each request meets one server.
     */
    nginxRetries?: boolean;
    /** Start a baseline app server (version v1) with this behaviour and pass it as `baseline-targets`. */
    baseline?: Partial<Omit<AppBehaviour, 'version'>>;
  } = {},
): Promise<CanaryStage> {
  const stable = await useService(startAppServer({ version: 'v1', ...options.stable }));
  const canary = await useService(startAppServer({ version: 'v2', ...options.canary }));
  const baseline = options.baseline
    ? await useService(startAppServer({ version: 'v1', ...options.baseline }))
    : undefined;
  const dir = createTempDir('canary');
  onTestFinished(() => dir.remove());
  const upstreamFile = dir.join('shipgate-upstream.conf');
  writeFileSync(
    upstreamFile,
    renderUpstream(
      {
        upstream: 'shipgate_app',
        stableTargets: [stable.address],
        canaryTargets: [canary.address],
        split: { mode: 'weighted' },
      },
      0,
    ),
  );
  const nginx = await useService(
    startNginx({
      upstream: [{ address: stable.address }],
      upstreamName: 'fixture_default',
      httpConfig: `include ${upstreamFile};`,
      serverConfig: `location /rollout/ {\n  proxy_pass http://shipgate_app;\n${options.nginxRetries ? '' : '  proxy_next_upstream off;\n'}}`,
    }),
  );
  const github = await startGitHubEmulator({ owner: 'octo-org', repo: 'octo-repo' });
  onTestFinished(() => github.close());
  const url = `${nginx.url}/rollout/`;
  return {
    nginx,
    stable,
    canary,
    baseline,
    github,
    upstreamFile,
    url,
    inputs: {
      version: 'v2',
      'stable-version': 'v1',
      provider: 'nginx',
      'stable-targets': stable.address,
      'canary-targets': options.canaryTargets ?? canary.address,
      ...(baseline ? { 'baseline-targets': baseline.address } : {}),
      'nginx-upstream': 'shipgate_app',
      'nginx-upstream-file': upstreamFile,
      'nginx-test-command': nginx.testCommand,
      'nginx-reload-command': nginx.reloadCommand,
      'nginx-pid-file': nginx.pidFile,
      'nginx-access-log': nginx.accessLogPath,
      metrics: 'nginx-log',
      token: github.token,
      environment: 'production',
    },
    env: { GITHUB_API_URL: github.url },
    async versionsServing(count) {
      const seen: Record<string, number> = {};
      for (let i = 0; i < count; i++) {
        const response = await fetch(url);
        await response.arrayBuffer();
        const version = response.headers.get('x-app-version') ?? `HTTP ${response.status}`;
        seen[version] = (seen[version] ?? 0) + 1;
      }
      return seen;
    },
    upstreamText: () => readFileSync(upstreamFile, 'utf8'),
  };
}

/** Sends a steady stream through nginx (a well-behaved keep-alive client) while `work` runs; resolves with both. */
export async function underLoad<T>(
  url: string,
  ratePerSecond: number,
  work: () => Promise<T>,
): Promise<{ result: T; load: Awaited<ReturnType<typeof driveLoad>> }> {
  const controller = new AbortController();
  const load = driveLoad({ url, ratePerSecond, durationMs: STEP_GUARD_MS, signal: controller.signal });
  try {
    return { result: await work(), load: await (controller.abort(), load) };
  } finally {
    controller.abort();
  }
}

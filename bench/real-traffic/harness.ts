// The real-traffic benchmarks' parts: backends in their own processes, real nginx with the upstream file
// Shipgate renders and nginx's default retry behaviour, a keep-alive load through it, background load on the
// machine, and canary-deploy's committed bundle run as the runner runs it (every action.yml default applies).
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { renderUpstream, type UpstreamSpec } from '@shipgate/traffic';
import { startGitHubEmulator } from '../../test/support/github-emulator/index.js';
import { requireNode24 } from '../../test/support/paths.js';
import { runAction, type ActionRun } from '../../test/support/run-action.js';
import { ManagedProcess } from '../../test/support/services/managed-process.js';
import {
  createTempDir,
  driveLoad,
  startNginx,
  type AccessLogEntry,
  type LoadResult,
  type Nginx,
} from '../../test/support/services/index.js';

/** Command-line flags of a benchmark's run.js, passed on as BENCH_* variables. */
export const settings = {
  runs: (fallback: number) => Number(process.env.BENCH_RUNS ?? fallback),
  /** BENCH_STAGE_SECONDS (--stage-seconds): how long the analysed stage lasts. */
  stageMs: (fallback: number) => Number(process.env.BENCH_STAGE_SECONDS ?? fallback / 1000) * 1000,
  /** BENCH_SCENARIO (--scenario): run only the scenarios whose name contains it. */
  scenario: (): string => process.env.BENCH_SCENARIO ?? '',
  load: (): BackgroundLoad => {
    const load = process.env.BENCH_LOAD ?? 'cpu';
    if (load !== 'none' && load !== 'cpu' && load !== 'heavy')
      throw new Error(`BENCH_LOAD (--load) must be none, cpu or heavy, got ${load}`);
    return load;
  },
};

/**
 * Load on the machine besides the benchmark: `cpu` runs one process per core busy 60% of the time (like a test
 * suite's workers), `heavy` one fully busy process per core plus one more.
 */
export type BackgroundLoad = 'none' | 'cpu' | 'heavy';

export async function startBackgroundLoad(kind: BackgroundLoad): Promise<{ stop(): Promise<void> }> {
  const cores = availableParallelism();
  const count = kind === 'none' ? 0 : kind === 'cpu' ? cores : cores + 1;
  const busyMs = kind === 'heavy' ? 100 : 60;
  const script = `setInterval(() => { const end = Date.now() + ${busyMs}; while (Date.now() < end); }, 100);`;
  const children = Array.from({ length: count }, (_, i) =>
    ManagedProcess.start({ name: `busy-${i}`, command: requireNode24(), args: ['-e', script] }),
  );
  return { stop: async () => void (await Promise.all(children.map((c) => c.stop({ timeoutMs: 2_000 })))) };
}

/** How a backend behaves: flags of bench/real-traffic/app.js. */
export interface AppFlags {
  latencyMs?: number;
  errorRate?: number;
  errorRoute?: string;
  tailShare?: number;
  tailFactor?: number;
  crashAfterMs?: number;
}

export interface AppProcess {
  address: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** Starts one backend process and waits until it listens. */
export async function startApp(version: string, flags: AppFlags = {}): Promise<AppProcess> {
  const args = [join(import.meta.dirname, 'app.js'), '--version', version];
  const names: Record<keyof AppFlags, string> = {
    latencyMs: '--latency-ms',
    errorRate: '--error-rate',
    errorRoute: '--error-route',
    tailShare: '--tail-share',
    tailFactor: '--tail-factor',
    crashAfterMs: '--crash-after-ms',
  };
  for (const [key, flag] of Object.entries(names)) {
    const value = flags[key as keyof AppFlags];
    if (value !== undefined) args.push(flag, String(value));
  }
  const child = ManagedProcess.start({ name: `app ${version}`, command: requireNode24(), args });
  const port = await child.waitUntilReady(() => /"port":(\d+)/.exec(child.capturedOutput())?.[1], {
    timeoutMs: 30_000,
    description: `app ${version} to listen`,
  });
  return {
    address: `127.0.0.1:${port}`,
    process: child,
    stop: async () => void (await child.stop({ timeoutMs: 2_000 })),
  };
}

/** nginx in front: `/app/` proxies to the upstream Shipgate rewrites, with nginx's default proxy_next_upstream. */
export interface Front {
  nginx: Nginx;
  upstreamFile: string;
  url: string;
  /** Writes the upstream file for `weight` (no reload). */
  write(spec: UpstreamSpec, weight: number): void;
  stop(): Promise<void>;
}

export async function startFront(stableAddress: string): Promise<Front> {
  const dir = createTempDir('bench-front');
  const upstreamFile = dir.join('shipgate-upstream.conf');
  const write = (spec: UpstreamSpec, weight: number) => writeFileSync(upstreamFile, renderUpstream(spec, weight));
  write(spec(stableAddress, stableAddress), 0);
  const nginx = await startNginx({
    upstream: [{ address: stableAddress }],
    upstreamName: 'fixture_default',
    httpConfig: `include ${upstreamFile};`,
    serverConfig: 'location /app/ {\n  proxy_pass http://shipgate_app;\n}',
  });
  return {
    nginx,
    upstreamFile,
    url: `${nginx.url}/app`,
    write,
    stop: async () => {
      await nginx.stop();
      dir.remove();
    },
  };
}

export function spec(stableAddress: string, canaryAddress: string): UpstreamSpec {
  return {
    upstream: 'shipgate_app',
    stableTargets: [stableAddress],
    canaryTargets: [canaryAddress],
    split: { mode: 'weighted' },
  };
}

/** Keep-alive GETs through nginx at `ratePerSecond` in total, spread over `routes`, until stopped. */
export function startTraffic(front: Front, ratePerSecond: number, routes: readonly string[]) {
  const controller = new AbortController();
  const runs = routes.map((route) =>
    driveLoad({
      url: `${front.url}${route}`,
      ratePerSecond: ratePerSecond / routes.length,
      durationMs: 3_600_000,
      signal: controller.signal,
    }),
  );
  return {
    stop: async (): Promise<LoadResult[]> => {
      controller.abort();
      return Promise.all(runs);
    },
  };
}

/** What one rollout did, as the bundle reported it. */
export interface RolloutOutcome {
  result: string;
  cause: string;
  failedStage: number | null;
  reason: string;
  /** Rollout start to the end of the step, in seconds. */
  seconds: number;
  /** When the last look ran, in seconds since the rollout started (the look that decided a rollback). */
  decidedAtSeconds: number | null;
  exitCode: number | null;
}

/** Runs canary-deploy's bundle against `front` with nginx-log metrics, plus `inputs`. */
export async function rollout(
  front: Front,
  stableAddress: string,
  canaryAddress: string,
  inputs: Record<string, string>,
): Promise<{ outcome: RolloutOutcome; run: ActionRun; startedMs: number }> {
  const github = await startGitHubEmulator({ owner: 'octo-org', repo: 'octo-repo' });
  const startedMs = Date.now();
  try {
    const run = await runAction(
      'canary-deploy',
      {
        version: 'v2',
        'stable-version': 'v1',
        provider: 'nginx',
        'stable-targets': stableAddress,
        'canary-targets': canaryAddress,
        'nginx-upstream': 'shipgate_app',
        'nginx-upstream-file': front.upstreamFile,
        'nginx-test-command': front.nginx.testCommand,
        'nginx-reload-command': front.nginx.reloadCommand,
        'nginx-pid-file': front.nginx.pidFile,
        'nginx-access-log': front.nginx.accessLogPath,
        metrics: 'nginx-log',
        token: github.token,
        environment: 'production',
        ...inputs,
      },
      { env: { GITHUB_API_URL: github.url }, timeoutMs: 20 * 60_000 },
    );
    const data = readReport(run);
    const looks = Array.isArray(data.looks) ? (data.looks as { atMs?: number }[]) : [];
    const lastLook = looks.at(-1)?.atMs;
    return {
      run,
      startedMs,
      outcome: {
        result: run.outputs.result ?? 'none',
        cause: typeof data.cause === 'string' ? data.cause : '',
        failedStage: run.outputs['failed-stage'] ? Number(run.outputs['failed-stage']) : null,
        reason: run.outputs.reason ?? run.stdout.slice(-500),
        seconds: Math.round((Date.now() - startedMs) / 100) / 10,
        decidedAtSeconds: typeof lastLook === 'number' ? Math.round(lastLook / 100) / 10 : null,
        exitCode: run.exitCode,
      },
    };
  } finally {
    await github.close();
  }
}

function readReport(run: ActionRun): Record<string, unknown> {
  try {
    const report = JSON.parse(readFileSync(run.outputs.report ?? '', 'utf8')) as { data?: Record<string, unknown> };
    return report.data ?? {};
  } catch {
    return {};
  }
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;

/** Per-window latency of each side from nginx's access log (every attempt, by the server that made it). */
export interface LatencyGap {
  windows: number;
  /** Largest canary minus stable difference over the windows, in milliseconds. */
  maxP50DiffMs: number;
  maxP95DiffMs: number;
  /** Over the whole rollout. */
  canary: { requests: number; p50Ms: number; p95Ms: number };
  stable: { requests: number; p50Ms: number; p95Ms: number };
}

/**
 * Latency of canary and stable in the access log between `fromMs` and `toMs`, in windows of `windowMs`
 * (windows with fewer than `minPerSide` requests on either side are left out of the differences).
 */
export function latencyGap(
  log: readonly AccessLogEntry[],
  canaryAddress: string,
  stableAddress: string,
  fromMs: number,
  toMs: number,
  windowMs: number,
  minPerSide = 20,
): LatencyGap {
  const all = { canary: [] as number[], stable: [] as number[] };
  const windows = new Map<number, { canary: number[]; stable: number[] }>();
  for (const entry of log) {
    if (entry.timeMs < fromMs || entry.timeMs > toMs) continue;
    entry.upstreams.forEach((address, i) => {
      const seconds = entry.upstreamSeconds[i];
      if (seconds === null || seconds === undefined) return;
      const side = address === canaryAddress ? 'canary' : address === stableAddress ? 'stable' : undefined;
      if (!side) return;
      const key = Math.floor((entry.timeMs - fromMs) / windowMs);
      const w = windows.get(key) ?? { canary: [], stable: [] };
      windows.set(key, w);
      w[side].push(seconds * 1000);
      all[side].push(seconds * 1000);
    });
  }
  let maxP50DiffMs = 0;
  let maxP95DiffMs = 0;
  let counted = 0;
  for (const w of windows.values()) {
    if (w.canary.length < minPerSide || w.stable.length < minPerSide) continue;
    counted++;
    const c = [...w.canary].sort((a, b) => a - b);
    const s = [...w.stable].sort((a, b) => a - b);
    maxP50DiffMs = Math.max(maxP50DiffMs, percentile(c, 0.5) - percentile(s, 0.5));
    maxP95DiffMs = Math.max(maxP95DiffMs, percentile(c, 0.95) - percentile(s, 0.95));
  }
  const summary = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return { requests: xs.length, p50Ms: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95) };
  };
  return {
    windows: counted,
    maxP50DiffMs: Math.round(maxP50DiffMs),
    maxP95DiffMs: Math.round(maxP95DiffMs),
    canary: summary(all.canary),
    stable: summary(all.stable),
  };
}

/**
 * The nginx-log provider against a real nginx with two app servers behind it: stable, and a canary that
 * fails every tenth request. Requests are sequential and windows are cut between batches, so every count
 * is exact.
 */
import { readFileSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { SshShell } from '@shipgate/exec';
import {
  SHIPGATE_LOG_FIELDS,
  SHIPGATE_LOG_FORMAT,
  createLocalLogReader,
  createNginxLogMetrics,
  shellLogReader,
  type LogReader,
} from '@shipgate/metrics';
import { repoRoot } from '../support/paths.js';
import { SETTLE_TIMEOUT_MS, pollUntil } from '../support/poll.js';
import {
  ACCESS_LOG_FORMAT,
  getFreePort,
  startAppServer,
  startNginx,
  startSshd,
  useService,
  type AppServer,
  type AppStats,
  type Nginx,
} from '../support/services/index.js';

const context = { version: 'v2', stage: 1 };

/** Sends `count` sequential requests; resolves with the status each got. */
async function send(url: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(url);
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

/** Waits until nginx has logged `lines` requests in all: it writes a line after the response is sent. */
async function logged(nginx: Nginx, lines: number): Promise<void> {
  await pollUntil(async () => (await nginx.readAccessLog()).length >= lines, {
    timeoutMs: SETTLE_TIMEOUT_MS,
    intervalMs: 10,
    description: `${lines} access log lines`,
  });
}

/** A window boundary after everything logged so far: lines logged from now on have `$msec` at or after it. */
async function boundary(): Promise<number> {
  const at = Date.now() + 1;
  await pollUntil(() => Date.now() >= at, {
    timeoutMs: SETTLE_TIMEOUT_MS,
    intervalMs: 1,
    description: 'the next millisecond',
  });
  return at;
}

/** What an app served between two snapshots. */
function served(app: AppServer, before: AppStats): { requests: number; errors: number } {
  const now = app.stats();
  return { requests: now.total - before.total, errors: (now.byStatus[500] ?? 0) - (before.byStatus[500] ?? 0) };
}

async function twoApps(): Promise<{ stable: AppServer; canary: AppServer }> {
  return {
    stable: await useService(startAppServer({ version: 'v1' })),
    canary: await useService(startAppServer({ version: 'v2', errorRate: 0.1 })),
  };
}

const counts = (window: Awaited<ReturnType<ReturnType<typeof createNginxLogMetrics>['collect']>>) =>
  window.ok
    ? {
        canary: { requests: window.canary.requests, errors: window.canary.errors },
        stable: { requests: window.stable.requests, errors: window.stable.errors },
      }
    : window;

const latencyCount = (
  window: Awaited<ReturnType<ReturnType<typeof createNginxLogMetrics>['collect']>>,
  side: 'canary' | 'stable',
) => (window.ok ? window[side].latencies.reduce((n, p) => n + p.count, 0) : -1);

describe('createNginxLogMetrics against nginx', () => {
  it('reads the format the nginx fixture writes and the README documents', () => {
    expect(SHIPGATE_LOG_FIELDS).toBe(ACCESS_LOG_FORMAT);
    expect(readFileSync(join(repoRoot, 'actions/canary-deploy/README.md'), 'utf8')).toContain(SHIPGATE_LOG_FORMAT);
  });

  it('counts each side exactly per window, reading only the bytes appended since the last call, and starts over after truncation', async () => {
    const { stable, canary } = await twoApps();
    const nginx = await useService(
      startNginx({
        upstream: [
          { address: stable.address, weight: 3 },
          { address: canary.address, weight: 1 },
        ],
      }),
    );
    const local = createLocalLogReader();
    const offsets: number[] = [];
    const reader: LogReader = {
      describe: () => local.describe(),
      read: (path, from) => (offsets.push(from), local.read(path, from)),
    };
    const metrics = createNginxLogMetrics({
      reader,
      path: nginx.accessLogPath,
      canaryTargets: [canary.address],
      stableTargets: [stable.address],
    });

    const batch = async (requests: number, total: number) => {
      const before = { canary: canary.stats(), stable: stable.stats() };
      const fromMs = await boundary();
      await send(nginx.url, requests);
      await logged(nginx, total);
      const toMs = await boundary();
      return {
        window: { fromMs, toMs },
        truth: { canary: served(canary, before.canary), stable: served(stable, before.stable) },
      };
    };

    const first = await batch(80, 80);
    const w1 = await metrics.collect(first.window, context);
    expect(counts(w1)).toEqual(first.truth);
    expect(first.truth).toEqual({ canary: { requests: 20, errors: 2 }, stable: { requests: 60, errors: 0 } });
    expect([latencyCount(w1, 'canary'), latencyCount(w1, 'stable')]).toEqual([20, 60]);
    const sizeAfterFirst = statSync(nginx.accessLogPath).size;

    const second = await batch(120, 200);
    expect(counts(await metrics.collect(second.window, context))).toEqual(second.truth);
    expect(second.truth.canary).toEqual({ requests: 30, errors: 3 });
    // The first call learns the size, then reads from the start; the second reads only what was appended.
    expect(offsets).toEqual([Number.MAX_SAFE_INTEGER, 0, sizeAfterFirst]);

    truncateSync(nginx.accessLogPath, 0);
    const before = { canary: canary.stats(), stable: stable.stats() };
    const fromMs = await boundary();
    await send(nginx.url, 40);
    await pollUntil(async () => (await nginx.readAccessLog()).length >= 40, {
      timeoutMs: SETTLE_TIMEOUT_MS,
      intervalMs: 10,
      description: '40 lines after truncation',
    });
    const toMs = await boundary();
    expect(counts(await metrics.collect({ fromMs, toMs }, context))).toEqual({
      canary: served(canary, before.canary),
      stable: served(stable, before.stable),
    });
    expect(offsets.at(-1)).toBe(0);
  });

  it("counts nginx's 502 for a dead canary as a canary error", async () => {
    const { stable } = await twoApps();
    const dead = `127.0.0.1:${await getFreePort()}`;
    // No retry on another server, and no marking the dead one down, so half the requests meet it.
    const nginx = await useService(
      startNginx({
        upstream: `server ${stable.address};\nserver ${dead} max_fails=0;\n`,
        serverConfig: 'proxy_next_upstream off;',
      }),
    );
    const metrics = createNginxLogMetrics({
      reader: createLocalLogReader(),
      path: nginx.accessLogPath,
      canaryTargets: [dead],
      stableTargets: [stable.address],
    });
    const fromMs = await boundary();
    await send(nginx.url, 10);
    await logged(nginx, 10);
    const window = await metrics.collect({ fromMs, toMs: await boundary() }, context);
    expect(counts(window)).toEqual({ canary: { requests: 5, errors: 5 }, stable: { requests: 5, errors: 0 } });
  });

  it('counts a dead canary attempt that nginx retried on stable (its default proxy_next_upstream) as a canary error', async () => {
    const { stable } = await twoApps();
    const dead = `127.0.0.1:${await getFreePort()}`;
    const nginx = await useService(
      startNginx({ upstream: `server ${stable.address};\nserver ${dead} max_fails=0;\n` }),
    );
    const metrics = createNginxLogMetrics({
      reader: createLocalLogReader(),
      path: nginx.accessLogPath,
      canaryTargets: [dead],
      stableTargets: [stable.address],
    });
    const fromMs = await boundary();
    const statuses = await send(nginx.url, 10);
    await logged(nginx, 10);
    const window = await metrics.collect({ fromMs, toMs: await boundary() }, context);
    // The client saw only 200s: every request that met the dead canary was retried on stable.
    expect(statuses).toEqual(Array.from({ length: 10 }, () => 200));
    const retried = (await nginx.readAccessLog()).filter((e) => e.upstreams.length === 2);
    expect(retried).toHaveLength(5);
    expect(retried.map((e) => e.upstreamStatuses)).toEqual(Array.from({ length: 5 }, () => [502, 200]));
    expect(counts(window)).toEqual({ canary: { requests: 5, errors: 5 }, stable: { requests: 10, errors: 0 } });
  });

  it('reads the log over SSH with shellLogReader on an SshShell, window for window as locally', async () => {
    const { stable, canary } = await twoApps();
    const nginx = await useService(
      startNginx({ upstream: [{ address: stable.address }, { address: canary.address }] }),
    );
    const sshd = await useService(startSshd());
    const shell = await SshShell.open({
      host: sshd.host,
      port: sshd.port,
      user: sshd.user,
      privateKey: sshd.privateKey,
      knownHosts: sshd.knownHostsLine,
    });
    onTestFinished(() => shell.close());
    const options = { path: nginx.accessLogPath, canaryTargets: [canary.address], stableTargets: [stable.address] };
    const overSsh = createNginxLogMetrics({ ...options, reader: shellLogReader(shell) });
    const locally = createNginxLogMetrics({ ...options, reader: createLocalLogReader() });
    for (const [requests, total] of [
      [20, 20],
      [30, 50],
    ] as const) {
      const fromMs = await boundary();
      await send(nginx.url, requests);
      await logged(nginx, total);
      const window = { fromMs, toMs: await boundary() };
      const remote = await overSsh.collect(window, context);
      expect(remote).toMatchObject({ ok: true, canary: { requests: requests / 2 } });
      expect(remote).toEqual(await locally.collect(window, context));
    }
    const missing = createNginxLogMetrics({
      ...options,
      path: `${nginx.accessLogPath}.missing`,
      reader: shellLogReader(shell),
    });
    expect(await missing.collect({ fromMs: 0, toMs: Date.now() }, context)).toEqual({
      ok: false,
      source: 'nginx-log',
      message: `nginx access log ${nginx.accessLogPath}.missing does not exist on ${shell.describe()}.`,
    });
  });
});

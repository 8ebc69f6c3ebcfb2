import { existsSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTLE_TIMEOUT_MS, pollUntil } from '../support/poll.js';
import {
  NginxReloadError,
  isPortOpen,
  isProcessAlive,
  runCommand,
  startAppServer,
  startNginx,
  useService,
  type AppServer,
} from '../support/services/index.js';

/** Sends `count` sequential requests and counts the responses by the version that answered. */
async function versions(url: string, count: number): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const response = await fetch(url);
    await response.arrayBuffer();
    const version = `${response.status === 200 ? '' : `${response.status}:`}${response.headers.get('x-app-version')}`;
    seen[version] = (seen[version] ?? 0) + 1;
  }
  return seen;
}

async function twoApps(): Promise<[AppServer, AppServer]> {
  return [
    await useService(startAppServer({ version: 'stable' })),
    await useService(startAppServer({ version: 'canary' })),
  ];
}

describe('startNginx', () => {
  it('splits 1000 sequential requests exactly 900/100 for weights 90 and 10', async () => {
    const [a, b] = await twoApps();
    const nginx = await useService(
      startNginx({ upstream: `server ${a.address} weight=90;\nserver ${b.address} weight=10;\n` }),
    );
    expect(nginx.url).toBe(`http://127.0.0.1:${nginx.port}`);
    expect(await versions(nginx.url, 1000)).toEqual({ stable: 900, canary: 100 });
    expect(a.stats().total).toBe(900);
    expect(b.stats().total).toBe(100);
  });

  it('writes every request to the access log in its format', async () => {
    const [a, b] = await twoApps();
    b.set({ errorRate: 1 });
    const nginx = await useService(
      startNginx({
        upstream: [
          { address: a.address, weight: 3 },
          { address: b.address, weight: 1 },
        ],
      }),
    );
    const before = Date.now();
    expect(await versions(`${nginx.url}/checkout`, 8)).toEqual({ stable: 6, '500:canary': 2 });
    const entries = await pollUntil(
      async () => ((await nginx.readAccessLog()).length === 8 ? nginx.readAccessLog() : undefined),
      {
        timeoutMs: SETTLE_TIMEOUT_MS,
        description: '8 access log lines',
      },
    );
    for (const entry of entries) {
      expect(entry.request).toBe('GET /checkout HTTP/1.1');
      expect(entry.timeMs).toBeGreaterThanOrEqual(before - 1_000);
      expect(entry.upstreams).toHaveLength(1);
      expect(entry.upstreamSeconds[0]).toBeGreaterThanOrEqual(0);
      expect(entry.requestSeconds).toBeGreaterThanOrEqual(0);
    }
    const byUpstream = (address: string) => entries.filter((e) => e.upstreams[0] === address).map((e) => e.status);
    expect(byUpstream(a.address)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(byUpstream(b.address)).toEqual([500, 500]);
  });

  it('applies a changed upstream file on reload(): a down server gets no traffic', async () => {
    const [a, b] = await twoApps();
    const nginx = await useService(
      startNginx({
        upstream: [
          { address: a.address, weight: 90 },
          { address: b.address, weight: 10 },
        ],
      }),
    );
    expect(await versions(nginx.url, 100)).toEqual({ stable: 90, canary: 10 });
    const oldWorkers = nginx.workerPids();

    // weight=0 is invalid in nginx: "down" (or removing the line) is how a server gets nothing.
    nginx.writeUpstream([
      { address: a.address, down: true },
      { address: b.address, weight: 100 },
    ]);
    await nginx.reload();
    expect(nginx.workerPids().some((pid) => oldWorkers.includes(pid))).toBe(false);
    expect(await versions(nginx.url, 100)).toEqual({ canary: 100 });

    nginx.writeUpstream([{ address: a.address, weight: 1 }]);
    await nginx.reload();
    expect(await versions(nginx.url, 20)).toEqual({ stable: 20 });
  });

  it('refuses a broken upstream file in test() and reload() and keeps serving the old config', async () => {
    const [a, b] = await twoApps();
    const nginx = await useService(
      startNginx({
        upstream: [
          { address: a.address, weight: 90 },
          { address: b.address, weight: 10 },
        ],
      }),
    );
    expect(await nginx.test()).toMatchObject({ ok: true });
    const workers = nginx.workerPids();

    nginx.writeUpstream(`server ${a.address} weight=0;\nserver ${b.address} weight=100;\n`);
    const zeroWeight = await nginx.test();
    expect(zeroWeight.ok).toBe(false);
    expect(zeroWeight.output).toContain('invalid parameter "weight=0"');

    nginx.writeUpstream(`server ${a.address} weight=90\nserver ${b.address} weight=10;\n`);
    expect((await nginx.test()).ok).toBe(false);
    await expect(nginx.reload()).rejects.toThrow(NginxReloadError);

    expect(nginx.workerPids()).toEqual(workers);
    expect(await versions(nginx.url, 100)).toEqual({ stable: 90, canary: 10 });
  });

  it('reports a reload the running master rejected after the signal was sent', async () => {
    const [a] = await twoApps();
    const nginx = await useService(startNginx({ upstream: [{ address: a.address }] }));
    // The signaller only parses the files; creating the temp paths happens in the master, which then fails.
    rmSync(`${nginx.prefix}temp`, { recursive: true });
    const error = await nginx.reload({ timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NginxReloadError);
    expect((error as NginxReloadError).output).toContain('[emerg]');
    expect(await versions(nginx.url, 3)).toEqual({ stable: 3 });
  });

  it('exposes test and reload command lines that work from a shell', async () => {
    const [a, b] = await twoApps();
    const nginx = await useService(startNginx({ upstream: [{ address: a.address }] }));
    expect(nginx.testCommand).toBe(
      `/usr/sbin/nginx -p ${nginx.prefix} -e ${nginx.errorLogPath} -c ${nginx.confPath} -t`,
    );
    expect(nginx.reloadCommand).toBe(
      `/usr/sbin/nginx -p ${nginx.prefix} -e ${nginx.errorLogPath} -c ${nginx.confPath} -s reload`,
    );
    expect((await runCommand('sh', ['-c', nginx.testCommand])).code).toBe(0);

    const oldWorkers = nginx.workerPids();
    nginx.writeUpstream([{ address: b.address }]);
    expect((await runCommand('sh', ['-c', nginx.reloadCommand])).code).toBe(0);
    await pollUntil(() => !oldWorkers.some(isProcessAlive) && nginx.workerPids().length === 1, {
      timeoutMs: 10_000,
      description: 'the reload to replace the workers',
    });
    expect(await versions(nginx.url, 5)).toEqual({ canary: 5 });
    // Every file nginx holds open is under its prefix: nothing under /var/log/nginx or /var/lib/nginx.
    const openFiles = [nginx.masterPid, ...nginx.workerPids()].flatMap((pid) =>
      readdirSync(`/proc/${pid}/fd`).map((fd) => {
        try {
          return readlinkSync(`/proc/${pid}/fd/${fd}`);
        } catch {
          return '';
        }
      }),
    );
    expect(
      openFiles.filter((f) => f.startsWith('/')).filter((f) => !f.startsWith(nginx.prefix) && f !== '/dev/null'),
    ).toEqual([]);
    expect(openFiles).toContain(nginx.accessLogPath);
  });

  it('closes the port, ends master and workers and removes its prefix on stop()', async () => {
    const [a] = await twoApps();
    const nginx = await useService(startNginx({ upstream: [{ address: a.address }] }));
    const pids = [nginx.masterPid, ...nginx.workerPids()];
    expect(pids).toHaveLength(2);
    expect(await isPortOpen(nginx.port)).toBe(true);
    await nginx.stop();
    await nginx.stop();
    expect(await isPortOpen(nginx.port)).toBe(false);
    expect(pids.filter(isProcessAlive)).toEqual([]);
    expect(existsSync(nginx.prefix)).toBe(false);
  });
});

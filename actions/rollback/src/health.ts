import { request } from 'node:http';
import type { ProbeTransport } from '@shipgate/probes';

/** One server's health: serving, or why not. */
export interface ServerHealth {
  target: string;
  healthy: boolean;
  reason: string;
}

/** GETs `path` on each server directly; healthy means a 2xx or 3xx answer within `timeoutMs`. */
export async function checkServers(
  targets: readonly string[],
  path: string,
  transport: ProbeTransport,
  timeoutMs: number,
): Promise<ServerHealth[]> {
  return Promise.all(
    targets.map(async (target) => {
      if (target.startsWith('unix:')) return checkSocket(target, path, timeoutMs);
      const url = `http://${target}${path}`;
      const response = await transport.http({
        method: 'GET',
        url,
        headers: {},
        timeoutMs,
        followRedirects: false,
        maxRedirects: 0,
        verifyTls: true,
        maxBodyBytes: 65_536,
      });
      if (!response.ok) return { target, healthy: false, reason: response.message };
      const healthy = response.status >= 200 && response.status < 400;
      return { target, healthy, reason: `HTTP ${response.status}` };
    }),
  );
}

/** Polls until every server is healthy or the deadline passes; returns the last check. */
export async function waitForServers(
  targets: readonly string[],
  path: string,
  transport: ProbeTransport,
  deadlineMs: number,
  clock: { now(): number; sleep(ms: number): Promise<void> },
): Promise<ServerHealth[]> {
  for (;;) {
    const health = await checkServers(targets, path, transport, 2000);
    if (health.every((h) => h.healthy) || clock.now() >= deadlineMs) return health;
    await clock.sleep(Math.min(500, Math.max(0, deadlineMs - clock.now())));
  }
}

/** "10.0.0.5:8080 (connection refused), 10.0.0.6:8080 (HTTP 503)" */
export function describeUnhealthy(health: readonly ServerHealth[]): string {
  return health
    .filter((h) => !h.healthy)
    .map((h) => `${h.target} (${h.reason})`)
    .join(', ');
}

/**
 * GETs `path` over a unix socket (`unix:/run/app.sock`), the way nginx reaches such an upstream: a socket that
 * does not exist or does not answer HTTP is not healthy (nginx -t accepts a missing one, then answers 502).
 */
function checkSocket(target: string, path: string, timeoutMs: number): Promise<ServerHealth> {
  return new Promise((resolve) => {
    const done = (healthy: boolean, reason: string): void => resolve({ target, healthy, reason });
    const req = request(
      { socketPath: target.slice('unix:'.length), path, method: 'GET', timeout: timeoutMs },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        done(status >= 200 && status < 400, `HTTP ${status}`);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) =>
      done(
        false,
        error.code === 'ENOENT'
          ? 'the socket does not exist'
          : error.code === 'ECONNREFUSED'
            ? 'connection refused'
            : error.message,
      ),
    );
    req.end();
  });
}

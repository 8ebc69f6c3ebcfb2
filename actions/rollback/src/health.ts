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
      const url = target.startsWith('unix:') ? undefined : `http://${target}${path}`;
      if (!url) return { target, healthy: true, reason: 'unix socket: not checked over HTTP' };
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

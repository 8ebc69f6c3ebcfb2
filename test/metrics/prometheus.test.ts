/**
 * The prometheus provider against a real Prometheus scraping two app servers: v1 (stable, 5% errors, fast)
 * and v2 (canary, 20% errors, 120 ms). One Prometheus and one measured window serve the whole file: the
 * first scrape alone takes about 6 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsWindow, SideSample } from '@shipgate/canary';
import { createPrometheusMetrics, type PrometheusMetricsOptions } from '@shipgate/metrics';
import { SETTLE_TIMEOUT_MS, pollUntil } from '../support/poll.js';
import {
  driveLoad,
  startAppServer,
  startPrometheus,
  type AppServer,
  type AppStats,
  type Prometheus,
} from '../support/services/index.js';
import { DURATION_BUCKETS } from '../support/services/app-metrics.js';

const RATE = 40;
const WINDOW_MS = 8_000;
const context = { version: 'v2', stage: 1 };

let stable: AppServer;
let canary: AppServer;
let idle: AppServer;
let prometheus: Prometheus;
/** The measured window and what each app really served in it. */
let window: { fromMs: number; toMs: number };
let truth: { canary: AppStats; stable: AppStats };

const options = (over: Partial<PrometheusMetricsOptions> = {}): PrometheusMetricsOptions => ({
  url: prometheus.url,
  canary: { version: 'v2' },
  stable: { version: 'v1' },
  ...over,
});

function delta(after: AppStats, before: AppStats): AppStats {
  const byStatus: Record<number, number> = {};
  for (const [code, n] of Object.entries(after.byStatus))
    byStatus[Number(code)] = n - (before.byStatus[Number(code)] ?? 0);
  return { total: after.total - before.total, byStatus };
}

/** Waits until the wall clock reaches `ms` (pacing to a window boundary, not synchronisation). */
async function reach(ms: number): Promise<void> {
  await pollUntil(() => Date.now() >= ms, {
    timeoutMs: ms - Date.now() + 2_000,
    intervalMs: 5,
    description: `the clock to reach ${new Date(ms).toISOString()}`,
  });
}

beforeAll(async () => {
  stable = await startAppServer({ version: 'v1', errorRate: 0.05 });
  canary = await startAppServer({ version: 'v2', errorRate: 0.2, latencyMs: 120 });
  // A canary that failed every request it ever had, all before the first scrape, and then got no traffic.
  idle = await startAppServer({ version: 'v3', errorRate: 1 });
  for (let i = 0; i < 3; i++) await (await fetch(idle.url)).arrayBuffer();
  prometheus = await startPrometheus({ targets: [stable.address, canary.address, idle.address] });

  const stop = new AbortController();
  const loads = [stable, canary].map((app) =>
    driveLoad({ url: app.url, ratePerSecond: RATE, durationMs: 60_000, signal: stop.signal }),
  );
  try {
    // Every series the window counts must exist before it starts: a series born inside a window loses its first increments.
    await prometheus.waitForData('count(http_requests_total{version=~"v1|v2",code="500"}) == 2', { timeoutMs: 20_000 });
    const fromMs = Date.now();
    const before = { canary: canary.stats(), stable: stable.stats() };
    const toMs = fromMs + WINDOW_MS;
    await reach(toMs);
    truth = { canary: delta(canary.stats(), before.canary), stable: delta(stable.stats(), before.stable) };
    window = { fromMs, toMs };
    // The scrape that closes the window must be stored before it is queried.
    await prometheus.waitForData(`min(timestamp(http_requests_total{version=~"v1|v2"})) >= ${toMs / 1000}`, {
      timeoutMs: SETTLE_TIMEOUT_MS,
    });
  } finally {
    stop.abort();
    await Promise.all(loads);
  }
});

afterAll(async () => {
  await prometheus?.stop();
  await Promise.all([stable, canary, idle].map((app) => app?.stop()));
});

function expectClose(measured: number, actual: number): void {
  expect(actual).toBeGreaterThan(0);
  expect(measured).toBeGreaterThanOrEqual(Math.floor(actual * 0.85));
  expect(measured).toBeLessThanOrEqual(Math.ceil(actual * 1.15));
}

const latencyCount = (side: SideSample) => side.latencies.reduce((sum, p) => sum + p.count, 0);

describe('createPrometheusMetrics against Prometheus', () => {
  it("counts each side's requests and errors over the window within 15% of what the apps served", async () => {
    const result = await createPrometheusMetrics(options()).collect(window, context);
    expect(result.ok).toBe(true);
    const { canary: c, stable: s } = result as MetricsWindow;
    expectClose(c.requests, truth.canary.total);
    expectClose(c.errors, truth.canary.byStatus[500] ?? 0);
    expectClose(s.requests, truth.stable.total);
    expectClose(s.errors, truth.stable.byStatus[500] ?? 0);
    expect(c.errors / c.requests).toBeGreaterThan(0.15);
    expect(s.errors / s.requests).toBeLessThan(0.1);
  });

  it("returns each side's latency distribution from the histogram buckets, in ms at each upper bound", async () => {
    const { canary: c, stable: s } = (await createPrometheusMetrics(options()).collect(
      window,
      context,
    )) as MetricsWindow;
    expectClose(latencyCount(c), truth.canary.total);
    expectClose(latencyCount(s), truth.stable.total);
    // Each point is a bucket's upper bound in ms. 120 ms is at least the (100, 250] bucket (a floor: a loaded
    // machine only adds time); the stable app answers at once, so its median bucket is below every canary one.
    const bounds = DURATION_BUCKETS.map((seconds) => Math.round(seconds * 1000));
    for (const p of [...c.latencies, ...s.latencies]) expect(bounds).toContain(p.valueMs);
    expect(c.latencies.filter((p) => p.valueMs < 250)).toEqual([]);
    const median = (side: SideSample) => {
      let seen = 0;
      return side.latencies.find((p) => (seen += p.count) >= latencyCount(side) / 2)?.valueMs ?? Number.NaN;
    };
    expect(median(s)).toBeLessThan(Math.min(...c.latencies.map((p) => p.valueMs)));
  });

  it('runs custom PromQL with {version}, {interval} and {selector}, giving what the built-in queries give', async () => {
    const builtIn = await createPrometheusMetrics(options()).collect(window, context);
    const custom = await createPrometheusMetrics(
      options({
        queries: {
          canaryRequests: 'sum(increase(http_requests_total{version="{version}"}[{interval}]))',
          canaryErrors: 'sum(increase(http_requests_total{version="{version}",code=~"5.."}[{interval}]))',
          baselineRequests: 'sum(increase(http_requests_total{{selector}}[{interval}]))',
          baselineErrors: 'sum by (version) (increase(http_requests_total{{selector},code="500"}[{interval}]))',
        },
      }),
    ).collect(window, context);
    expect(custom).toEqual(builtIn);
  });

  it('reports a canary with no traffic in the window as zero requests, not as a failure or a high error rate', async () => {
    // v3 failed all 3 requests it had, long before this window; v9 never existed.
    await prometheus.waitForData('count_over_time(http_requests_total{version="v3"}[4s]) >= 3', { timeoutMs: 10_000 });
    const toMs = Date.now();
    const result = await createPrometheusMetrics(
      options({ canary: { version: 'v3' }, stable: { version: 'v9' } }),
    ).collect({ fromMs: toMs - 4_000, toMs }, context);
    expect(result).toEqual({
      ok: true,
      source: 'prometheus',
      canary: { requests: 0, errors: 0, latencies: [] },
      stable: { requests: 0, errors: 0, latencies: [] },
    });
  });

  it("fails with Prometheus's own words when a custom query is not valid PromQL", async () => {
    const result = await createPrometheusMetrics(
      options({ queries: { canaryErrors: 'sum(increase(http_requests_total{version="{version}"}[{interval}])' } }),
    ).collect(window, context);
    expect(result).toMatchObject({ ok: false, source: 'prometheus' });
    const message = (result as { message: string }).message;
    expect(message).toContain(
      `Prometheus at ${prometheus.url} rejected the canary errors query "sum(increase(http_requests_total{version=\\"v2\\"}[8s])"`,
    );
    expect(message).toMatch(/bad_data: .*parse error.* \(HTTP 400\)\.$/);
  });

  it('fails a custom count query that returns one series per label set', async () => {
    const result = await createPrometheusMetrics(
      options({ queries: { canaryRequests: 'increase(http_requests_total{version="{version}"}[{interval}])' } }),
    ).collect(window, context);
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/returned 2 series for the canary requests query .*wrap it in sum\(\.\.\.\)\.$/),
    });
  });
});

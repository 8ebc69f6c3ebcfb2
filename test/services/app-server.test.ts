import { describe, expect, it } from 'vitest';
import { SETTLE_TIMEOUT_MS, pollUntil } from '../support/poll.js';
import { isPortOpen, startAppServer, useService } from '../support/services/index.js';

async function get(url: string): Promise<{ status: number; version: string | null; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, version: response.headers.get('x-app-version'), body: await response.json() };
}

async function statuses(url: string, count: number): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) seen.push((await get(url)).status);
  return seen;
}

describe('startAppServer', () => {
  it('serves its version on / and every other app path, with health', async () => {
    const app = await useService(startAppServer({ version: 'v1.2.3' }));
    expect(app.url).toBe(`http://127.0.0.1:${app.port}`);
    expect(await get(`${app.url}/`)).toEqual({ status: 200, version: 'v1.2.3', body: { version: 'v1.2.3' } });
    expect(await get(`${app.url}/orders/42?x=1`)).toEqual({
      status: 200,
      version: 'v1.2.3',
      body: { version: 'v1.2.3' },
    });
    expect(await get(`${app.url}/health`)).toMatchObject({ status: 200, body: { status: 'ok', version: 'v1.2.3' } });
    expect(app.stats()).toEqual({ total: 3, byStatus: { 200: 3 } });
  });

  it('fails exactly 10 of every 100 requests at errorRate 0.1, evenly spread', async () => {
    const app = await useService(startAppServer({ version: 'v1', errorRate: 0.1 }));
    const seen = await statuses(app.url, 200);
    expect(seen.filter((s) => s === 500)).toHaveLength(20);
    expect(seen.slice(0, 100).filter((s) => s === 500)).toHaveLength(10);
    expect(seen.flatMap((s, i) => (s === 500 ? [i + 1] : []))).toEqual([
      10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200,
    ]);
    expect(app.stats()).toEqual({ total: 200, byStatus: { 200: 180, 500: 20 } });
    // Health checks and scrapes do not consume the error budget.
    expect((await get(`${app.url}/health`)).status).toBe(200);
  });

  it('handles awkward error rates exactly (0.29 over 100 requests, 1 and 0)', async () => {
    const app = await useService(startAppServer({ version: 'v1', errorRate: 0.29 }));
    expect((await statuses(app.url, 100)).filter((s) => s === 500)).toHaveLength(29);
    app.set({ errorRate: 1 });
    expect(new Set(await statuses(app.url, 5))).toEqual(new Set([500]));
    app.set({ errorRate: 0 });
    expect(new Set(await statuses(app.url, 50))).toEqual(new Set([200]));
    expect(() => app.set({ errorRate: 1.5 })).toThrow(RangeError);
  });

  it('adds latencyMs to app responses', async () => {
    const app = await useService(startAppServer({ version: 'v1', latencyMs: 150 }));
    const started = performance.now();
    await get(app.url);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    // A change applies from the next request on: with a request held for a minute, a request sent after
    // latencyMs drops to 0 is answered while the first one still waits (an ordering, not a stopwatch).
    app.set({ latencyMs: 60_000 });
    const held = get(app.url).catch(() => 'dropped at stop');
    await pollUntil(() => app.inFlight() === 1, {
      timeoutMs: SETTLE_TIMEOUT_MS,
      description: 'the held request to reach the app',
    });
    app.set({ latencyMs: 0 });
    expect((await get(app.url)).status).toBe(200);
    expect(app.inFlight()).toBe(1);
    await app.stop();
    expect(await held).toBe('dropped at stop');
  });

  it('exposes http_requests_total and http_request_duration_seconds with the version label', async () => {
    const app = await useService(startAppServer({ version: 'v7', errorRate: 0.5, latencyMs: 20 }));
    await statuses(app.url, 4);
    const response = await fetch(`${app.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toMatch(/^http_requests_total\{version="v7",code="200"\} 2$/m);
    expect(text).toMatch(/^http_requests_total\{version="v7",code="500"\} 2$/m);
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toMatch(/^http_request_duration_seconds_count\{version="v7"\} 4$/m);
    // 20 ms of latency: nothing in the 10 ms bucket (a floor; how much longer a loaded machine takes is not
    // the fixture's concern), every request in +Inf.
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{le="0.01",version="v7"\} 0$/m);
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{le="\+Inf",version="v7"\} 4$/m);
    // Scrapes are not counted as app traffic.
    expect(app.stats().total).toBe(4);
  });

  it('set() changes version, health and behaviour at runtime', async () => {
    const app = await useService(startAppServer({ version: 'v1' }));
    app.set({ version: 'v2', healthy: false });
    expect(await get(app.url)).toEqual({ status: 200, version: 'v2', body: { version: 'v2' } });
    expect((await get(`${app.url}/health`)).status).toBe(503);
    expect(app.behaviour()).toEqual({ version: 'v2', errorRate: 0, latencyMs: 0, healthy: false });
    expect(await app.metrics()).toMatch(/^http_requests_total\{version="v2",code="200"\} 1$/m);
  });

  it('closes its port on stop(), also with a request waiting on latency', async () => {
    const app = await useService(startAppServer({ version: 'v1', latencyMs: 5_000 }));
    const pending = fetch(app.url).then(
      () => 'answered',
      () => 'aborted',
    );
    await pollUntil(() => app.inFlight() === 1, {
      timeoutMs: SETTLE_TIMEOUT_MS,
      description: 'the request to reach the app',
    });
    await app.stop();
    await app.stop();
    expect(await isPortOpen(app.port)).toBe(false);
    expect(await pending).toBe('aborted');
  });
});

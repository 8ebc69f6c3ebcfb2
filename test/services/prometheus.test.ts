import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  PrometheusQueryError,
  driveLoad,
  isPortOpen,
  isProcessAlive,
  startAppServer,
  startPrometheus,
  useService,
} from '../support/services/index.js';

const RATE = 20;
const WINDOW_S = 10;

describe('startPrometheus', () => {
  it('scrapes an app server every second and rate() matches the rate actually served', async () => {
    const app = await useService(startAppServer({ version: 'v1' }));
    const prometheus = await useService(startPrometheus({ targets: [app.address] }));
    expect(prometheus.url).toBe(`http://127.0.0.1:${prometheus.port}`);

    const stopLoad = new AbortController();
    const load = driveLoad({ url: app.url, ratePerSecond: RATE, durationMs: 35_000, signal: stopLoad.signal });
    try {
      const [first] = await prometheus.waitForData('http_requests_total', { timeoutMs: 20_000 });
      expect(first?.metric).toMatchObject({
        __name__: 'http_requests_total',
        version: 'v1',
        code: '200',
        job: 'app',
        instance: app.address,
      });

      // Wait until the window holds one sample per scrape, so rate() sees a full window of steady load.
      await prometheus.waitForData(`count_over_time(http_requests_total{code="200"}[${WINDOW_S}s]) >= ${WINDOW_S}`, {
        timeoutMs: 20_000,
      });
      const at = Date.now();
      const [measured] = await prometheus.query(`sum by (version) (rate(http_requests_total[${WINDOW_S}s]))`, {
        timeMs: at,
      });
      stopLoad.abort();
      const { responses, networkErrors } = await load;

      const served = responses.filter((r) => r.timeMs > at - WINDOW_S * 1000 && r.timeMs <= at).length / WINDOW_S;
      expect(networkErrors).toBe(0);
      expect(served).toBeGreaterThan(RATE * 0.9);
      expect(measured?.metric).toEqual({ version: 'v1' });
      expect(measured?.value).toBeGreaterThan(served * 0.85);
      expect(measured?.value).toBeLessThan(served * 1.15);
    } finally {
      stopLoad.abort();
      await load;
    }
  });

  it('returns typed samples and typed errors', async () => {
    const prometheus = await useService(startPrometheus({ targets: [] }));
    expect(await prometheus.query('vector(2) * 3')).toEqual([
      { metric: {}, value: 6, timestampMs: expect.any(Number) },
    ]);
    expect(await prometheus.query('scalar(vector(1)) / 0', { timeMs: 1_700_000_000_000 })).toEqual([
      { metric: {}, value: Infinity, timestampMs: 1_700_000_000_000 },
    ]);
    expect(await prometheus.query('up')).toEqual([]);
    await expect(prometheus.query('sum(')).rejects.toThrow(PrometheusQueryError);
    await expect(prometheus.query('vector(1)[1m:10s]')).rejects.toThrow(/matrix is not supported/);
    // A query Prometheus rejects fails at once with its error, instead of polling until the deadline (which
    // would end in pollUntil's plain "Timed out" Error).
    await expect(prometheus.waitForData('rate(up[', { timeoutMs: 10_000 })).rejects.toThrow(PrometheusQueryError);
  });

  it('closes its port, exits and removes its storage on stop()', async () => {
    const prometheus = await useService(startPrometheus({ targets: [] }));
    expect(isProcessAlive(prometheus.pid)).toBe(true);
    expect(existsSync(prometheus.dataDir)).toBe(true);
    await prometheus.stop();
    await prometheus.stop();
    expect(await isPortOpen(prometheus.port)).toBe(false);
    expect(existsSync(prometheus.dataDir)).toBe(false);
    expect(existsSync(prometheus.configPath)).toBe(false);
    expect(isProcessAlive(prometheus.pid)).toBe(false);
  });
});

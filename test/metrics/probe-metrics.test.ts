/**
 * The probes provider against two real app servers: a healthy stable one and a canary that fails half its
 * requests and answers slowly. The suite runs against each side's own URL at every collect.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { createProbeMetrics } from '@shipgate/metrics';
import { createNetTransport } from '@shipgate/net';
import type { HttpProbe, ProbeDefinition, TcpProbe } from '@shipgate/probes';
import { startAppServer, useService } from '../support/services/index.js';

const context = { version: 'v2', stage: 1 };
const window = { fromMs: Date.now() - 30_000, toMs: Date.now() };

const probe = (name: string, url = `/${name}`): HttpProbe => ({
  name,
  kind: 'http',
  tags: [],
  critical: false,
  timeoutMs: 2_000,
  retries: 0,
  request: { method: 'GET', url, headers: {}, followRedirects: true, maxRedirects: 5, verifyTls: true },
  expect: { status: [{ from: 200, to: 299 }], json: [], headers: [], body: [], latency: {} },
});

function transport() {
  const net = createNetTransport();
  onTestFinished(() => net.close());
  return net;
}

const probes: ProbeDefinition[] = ['home', 'cart', 'search', 'account', 'orders', 'help'].map((name) => probe(name));

describe('createProbeMetrics against app servers', () => {
  it('runs the suite against each side and counts probes, failures and durations', async () => {
    const stable = await useService(startAppServer({ version: 'v1' }));
    const canary = await useService(startAppServer({ version: 'v2', errorRate: 0.5, latencyMs: 60 }));
    const metrics = createProbeMetrics({
      probes,
      canaryBaseUrl: canary.url,
      stableBaseUrl: stable.url,
      transport: transport(),
      concurrency: 3,
    });

    const result = await metrics.collect(window, context);
    expect(result).toMatchObject({
      ok: true,
      source: 'probes',
      canary: { requests: 6, errors: 3 },
      stable: { requests: 6, errors: 0 },
    });
    if (!result.ok) return;
    expect(result.canary.latencies.reduce((n, p) => n + p.count, 0)).toBe(6);
    expect(Math.min(...result.canary.latencies.map((p) => p.valueMs))).toBeGreaterThanOrEqual(55);
    // The probes went to each side directly: each app saw its six.
    expect([canary.stats().total, stable.stats().total]).toEqual([6, 6]);

    // Each collect runs the suite again: it makes traffic when there is none.
    expect(await metrics.collect(window, context)).toMatchObject({ canary: { requests: 6, errors: 3 } });
    expect(canary.stats().total).toBe(12);
  });

  it('counts probes against a canary that is down as failed probes, not as a metrics failure', async () => {
    const stable = await useService(startAppServer({ version: 'v1' }));
    const canary = await useService(startAppServer({ version: 'v2' }));
    await canary.stop();
    const metrics = createProbeMetrics({
      probes,
      canaryBaseUrl: canary.url,
      stableBaseUrl: stable.url,
      transport: transport(),
      runsPerCollect: 2,
    });
    expect(await metrics.collect(window, context)).toMatchObject({
      ok: true,
      canary: { requests: 12, errors: 12 },
      stable: { requests: 12, errors: 0 },
    });
  });

  it('leaves out probes that would hit the same server for both sides, and refuses a suite of only those', async () => {
    const tcp: TcpProbe = {
      name: 'db',
      kind: 'tcp',
      tags: [],
      critical: false,
      timeoutMs: 1000,
      retries: 0,
      host: '127.0.0.1',
      port: 5432,
      expect: [],
    };
    const absolute = probe('status-page', 'https://status.example.com/');
    const metrics = createProbeMetrics({
      probes: [probe('home'), tcp, absolute],
      canaryBaseUrl: 'http://c',
      stableBaseUrl: 'http://s',
      transport: transport(),
    });
    expect(metrics.skipped).toEqual(['db', 'status-page']);
    expect(() =>
      createProbeMetrics({
        probes: [tcp, absolute],
        canaryBaseUrl: 'http://c',
        stableBaseUrl: 'http://s',
        transport: transport(),
      }),
    ).toThrow(/None of the 2 probes can compare canary and stable/);
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { MetricsFailure, MetricsProvider, MetricsWindow } from '@shipgate/canary';
import { combineMetrics } from './combine-metrics.js';

const context = { version: 'v2', stage: 1 };
const window = { fromMs: 0, toMs: 60_000 };

function provider(
  name: string,
  result: Omit<MetricsWindow, 'source'> | Omit<MetricsFailure, 'source'>,
): MetricsProvider & { collect: ReturnType<typeof vi.fn> } {
  return { name, collect: vi.fn(async () => ({ ...result, source: name })) };
}

const ok = (canary: number, stable: number, latencyMs: number): Omit<MetricsWindow, 'source'> => ({
  ok: true,
  canary: { requests: canary, errors: 1, latencies: [{ valueMs: latencyMs, count: canary }] },
  stable: { requests: stable, errors: 0, latencies: [{ valueMs: latencyMs, count: stable }] },
});

describe('combineMetrics', () => {
  it('follows the traffic weights only when every provider does', () => {
    const weighted = (name: string) => ({ ...provider(name, ok(1, 1, 1)), splitsByWeight: true });
    expect(combineMetrics([weighted('nginx-log'), weighted('other')]).splitsByWeight).toBe(true);
    expect(combineMetrics([weighted('nginx-log'), provider('probes', ok(1, 1, 1))]).splitsByWeight).toBe(false);
  });

  it('sums each side across providers and merges latencies by value', async () => {
    const combined = combineMetrics([provider('prometheus', ok(10, 90, 250)), provider('probes', ok(4, 4, 250))]);
    expect(combined.name).toBe('prometheus+probes');
    expect(await combined.collect(window, context)).toEqual({
      ok: true,
      source: 'prometheus+probes',
      canary: { requests: 14, errors: 2, latencies: [{ valueMs: 250, count: 14 }] },
      stable: { requests: 94, errors: 0, latencies: [{ valueMs: 250, count: 94 }] },
    });
  });

  it('keeps the coarsest latency resolution any provider states', async () => {
    const combined = combineMetrics([
      provider('nginx-log', { ...ok(10, 90, 250), latencyResolutionMs: 1 }),
      provider('probes', ok(4, 4, 250)),
    ]);
    expect(await combined.collect(window, context)).toMatchObject({ latencyResolutionMs: 1 });
  });

  it('fails the window when one provider fails, naming it, and still asks every provider', async () => {
    const probes = provider('probes', ok(4, 4, 10));
    const combined = combineMetrics([
      provider('prometheus', {
        ok: false,
        message: 'Prometheus at http://p:9090 did not answer: connection refused (ECONNREFUSED).',
      }),
      probes,
    ]);
    expect(await combined.collect(window, context)).toEqual({
      ok: false,
      source: 'prometheus',
      message: 'Prometheus at http://p:9090 did not answer: connection refused (ECONNREFUSED).',
    });
    expect(probes.collect).toHaveBeenCalledWith(window, context);
  });

  it('names every provider that failed', async () => {
    const combined = combineMetrics([
      provider('prometheus', { ok: false, message: 'A.' }),
      provider('nginx-log', { ok: false, message: 'B.' }),
      provider('probes', ok(1, 1, 1)),
    ]);
    expect(await combined.collect(window, context)).toEqual({
      ok: false,
      source: 'prometheus+nginx-log',
      message: 'prometheus: A. nginx-log: B.',
    });
  });

  it('returns a single provider as it is, and refuses none', () => {
    const only = provider('probes', ok(1, 1, 1));
    expect(combineMetrics([only])).toBe(only);
    expect(() => combineMetrics([])).toThrow(RangeError);
  });
});

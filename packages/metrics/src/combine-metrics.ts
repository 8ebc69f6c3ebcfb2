/**
 * Several metrics providers as one (the `metrics` input lists more than one): each side's counts and
 * latencies are summed across providers per window.
 */
import type { MetricsFailure, MetricsProvider, MetricsWindow } from '@shipgate/canary';
import { addSides, metricsFailure } from './side-sample.js';

/**
 * Combines providers. All of them are asked for every window, at once, so each keeps its own state (the
 * log offset) in step. When any fails, the window fails: the result is a `MetricsFailure` whose `source`
 * names the providers that failed (`prometheus`, or `prometheus+nginx-log`) and whose message gives each
 * one's reason, so the rollout can say which source broke. Summing only the providers that answered would
 * change what a window measures from one window to the next.
 *
 * Providers that see the same requests (prometheus and nginx-log on one service) count them twice: rates
 * stay right but sample counts double.
 * @throws RangeError for an empty list.
 */
export function combineMetrics(providers: readonly MetricsProvider[]): MetricsProvider {
  const [only, ...rest] = providers;
  if (only === undefined) throw new RangeError('combineMetrics needs at least one metrics provider.');
  if (rest.length === 0) return only;
  const name = providers.map((p) => p.name).join('+');
  return {
    name,
    // Summed counts follow the weights only when every source's do.
    splitsByWeight: providers.every((p) => p.splitsByWeight === true),
    async collect(window, context): Promise<MetricsWindow | MetricsFailure> {
      const results = await Promise.all(providers.map((p) => p.collect(window, context)));
      const failures = results.filter((r): r is MetricsFailure => !r.ok);
      if (failures.length === 1) return failures[0] as MetricsFailure;
      if (failures.length > 1)
        return metricsFailure(
          failures.map((f) => f.source).join('+'),
          failures.map((f) => `${f.source}: ${f.message}`).join(' '),
        );
      const windows = results as MetricsWindow[];
      // The coarsest source decides what difference the sum can resolve.
      const resolution = Math.max(0, ...windows.map((w) => w.latencyResolutionMs ?? 0));
      return {
        ok: true,
        source: name,
        canary: addSides(windows.map((w) => w.canary)),
        stable: addSides(windows.map((w) => w.stable)),
        ...(resolution > 0 ? { latencyResolutionMs: resolution } : {}),
      };
    },
  };
}

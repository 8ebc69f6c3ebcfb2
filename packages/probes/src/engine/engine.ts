import type { Clock, WallClock } from '@shipgate/core';
import type { KindContext } from '../kinds/context.js';
import type { ProbeDefinition } from '../model.js';
import type { ProbeTransport } from '../transport.js';
import type { ProbeResult, SuiteResult } from './results.js';
import { runProbe } from './run-probe.js';
import { judgeSuite } from './verdict.js';

/** How to run a suite. */
export interface EngineSettings {
  /** Base for relative URLs. */
  baseUrl?: string;
  /** Probes in flight at once. */
  concurrency: number;
  /** Share of probes (0 to 1) that must pass; critical probes must always pass. */
  successThreshold: number;
  /** Rerun failing probes until the suite passes or this much time has passed. */
  waitUntilHealthyMs?: number;
  /** Pause between rounds of wait-until-healthy. */
  roundIntervalMs: number;
  /** Responses larger than this fail with body-too-large. */
  maxBodyBytes: number;
  /** Pause before retry n after a network error. */
  retryDelayMs: (attempt: number) => number;
}

/**
 * The engine's side effects, injected. It only measures durations with `now`, so a monotonic source fits;
 * certificate expiry reads `wallClock`.
 */
export interface EngineDependencies extends Clock, WallClock {
  transport: ProbeTransport;
  /** Masks values captured at run time. */
  onSecret: (value: string) => void;
  /** Called as each probe finishes (progress log). */
  onResult?: (result: ProbeResult, round: number) => void;
}

/**
 * Runs the probes, concurrently up to `concurrency`, and judges the suite. With `waitUntilHealthyMs`, the
 * failing probes are run again each round until the suite passes or the time is up; the result says how
 * long the service took to become healthy.
 */
export async function runSuite(
  probes: readonly ProbeDefinition[],
  settings: EngineSettings,
  deps: EngineDependencies,
): Promise<SuiteResult> {
  const start = deps.now();
  const context: KindContext = {
    transport: deps.transport,
    baseUrl: settings.baseUrl,
    maxBodyBytes: settings.maxBodyBytes,
    now: deps.now,
    wallClock: deps.wallClock,
    sleep: deps.sleep,
    onSecret: deps.onSecret,
    retryDelayMs: settings.retryDelayMs,
  };
  const results = new Map<string, ProbeResult>();
  let pending = [...probes];
  let rounds = 0;
  for (;;) {
    rounds++;
    const round = rounds;
    for (const result of await runPool(pending, settings.concurrency, async (probe) => {
      const result = await runProbe(probe, context);
      deps.onResult?.(result, round);
      return result;
    })) {
      results.set(result.name, result);
    }
    const ordered = probes.map((p) => results.get(p.name) as ProbeResult);
    const judged = judgeSuite(ordered, settings.successThreshold);
    const elapsed = deps.now() - start;
    const deadline = settings.waitUntilHealthyMs;
    if (judged.verdict === 'pass' || deadline === undefined || elapsed + settings.roundIntervalMs >= deadline) {
      const waited = deadline !== undefined && judged.verdict === 'pass' ? { healthyAfterMs: Math.round(elapsed) } : {};
      const reason =
        deadline !== undefined && judged.verdict === 'fail'
          ? `${judged.reason.replace(/\.$/, '')}, still after ${rounds} rounds over ${Math.round(elapsed / 1000)} s of waiting for the service to become healthy.`
          : judged.reason;
      return { ...judged, reason, rounds, ...waited, durationMs: Math.round(deps.now() - start) };
    }
    await deps.sleep(settings.roundIntervalMs);
    pending = probes.filter((p) => results.get(p.name)?.status === 'failed');
  }
}

/** Maps items through `work` with at most `limit` in flight, keeping input order in the output. */
export async function runPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) out[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

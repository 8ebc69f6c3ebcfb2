import type { Clock } from '@shipgate/core';
import type { Judge, MetricVerdict } from '../judge-model.js';
import type { MetricsProvider, MetricsWindow, SideSample, TrafficContext, TrafficProvider } from '../ports.js';
import type { EndCause, LookRecord, RolloutResult, RolloutSettings, StageRecord } from './rollout-model.js';
import { addSide, emptySide } from './side-sums.js';
import { starvedCanary } from './traffic-share.js';
import { judgeAgainst } from './comparison.js';

/**
 * The rollout's side effects, injected. `now` must be epoch milliseconds: it marks the windows sent to the
 * metrics provider. `sleep` gets `signal`, so a cancelled job stops waiting at once.
 */
export interface RolloutPorts extends Clock {
  traffic: TrafficProvider;
  metrics: MetricsProvider;
  judge: Judge;
  log(message: string): void;
  /** Called whenever the canary weight changes (the action saves it for its post step). */
  onWeight?(weight: number): void;
  /** Aborted when the job is cancelled: traffic returns to stable and the rollout ends. */
  signal?: AbortSignal;
}

const seconds = (ms: number): string => `${Math.round(ms / 1000)}s`;

/**
 * Shifts traffic to the canary stage by stage. Each stage is held `stageDurationMs` and judged every
 * `analysisIntervalMs`; a failing metric ends the rollout at once (and `onFailure` decides what happens to
 * traffic), and so does a canary that stopped receiving traffic (`starvedCanary`: none in a stage while stable
 * had some, or a share far below its weight), whatever the judge and `onNoData`. A stage passes only with
 * `minSamples` requests on each side in that stage; without them it is extended up to `maxExtensionMs`, then
 * `onNoData` decides. The last stage (100) promotes. The result says what happened and why, in one sentence.
 */
export async function runRollout(settings: RolloutSettings, ports: RolloutPorts): Promise<RolloutResult> {
  const start = ports.now();
  const looks: LookRecord[] = [];
  const stages: StageRecord[] = [];
  const windows: MetricsWindow[] = [];
  let weight = 0;
  let metricsFailures = 0;
  const comparison = settings.comparison ?? 'stable';
  const judge = judgeAgainst(ports.judge, comparison);

  const finish = (
    result: RolloutResult['result'],
    cause: EndCause,
    reason: string,
    failedStage?: number,
  ): RolloutResult => ({
    result,
    cause,
    comparison,
    finalWeight: weight,
    ...(failedStage === undefined ? {} : { failedStage }),
    reason,
    durationMs: ports.now() - start,
    stages,
    looks,
    metricsFailures,
  });

  /** Applies on-failure (or on-no-data) to traffic and ends the rollout. */
  const end = async (
    policy: 'rollback' | 'pause' | 'fail',
    cause: EndCause,
    why: string,
    stage: number,
    context: TrafficContext,
  ): Promise<RolloutResult> => {
    const reason = /[.!?]$/.test(why) ? why : `${why}.`;
    if (policy !== 'rollback') {
      return finish(
        'failed',
        cause,
        `${reason} Traffic was left at ${weight}% canary (${policy === 'pause' ? 'on-failure: pause' : cause === 'no-data' ? 'on-no-data: fail' : 'on-failure: fail'}).`,
        stage,
      );
    }
    try {
      await ports.traffic.abort({ ...context, stage: 0 });
      weight = 0;
      ports.onWeight?.(0);
      return finish('rolled-back', cause, `${reason} All traffic is back on the stable version.`, stage);
    } catch (error) {
      const message = `${reason} Returning traffic to stable failed too: ${error instanceof Error ? error.message : String(error)}`;
      return { ...finish('failed', cause, message, stage), abortFailed: true };
    }
  };

  for (const [index, stageWeight] of settings.stages.entries()) {
    const stage = index + 1;
    const context: TrafficContext = { version: settings.version, stage };
    if (stageWeight === 100) {
      try {
        await ports.traffic.promote(context);
      } catch (error) {
        return end(
          settings.onFailure,
          'traffic-failed',
          `Promoting ${settings.version} failed: ${describe(error)}`,
          stage,
          context,
        );
      }
      weight = 100;
      ports.onWeight?.(100);
      stages.push({
        stage,
        weight: 100,
        heldMs: 0,
        canary: emptySide(),
        stable: emptySide(),
        status: 'promoted',
        verdicts: [],
        reason: 'all traffic on the canary',
        extendedMs: 0,
      });
      ports.log(`Stage ${stage}: promoted ${settings.version} to 100%.`);
      const judged = stages.filter((s) => s.status === 'passed').length;
      return finish(
        'promoted',
        'promoted',
        `Promoted ${settings.version}: it passed ${judged} of ${settings.stages.length - 1} analysed stages${comparison === 'baseline' ? ' against a baseline' : ''}${stages.some((s) => s.status === 'continued-without-data') ? ' (some without enough data, on-no-data: continue)' : ''} in ${seconds(ports.now() - start)}.`,
      );
    }

    try {
      await ports.traffic.setWeight(stageWeight, context);
    } catch (error) {
      return end(
        settings.onFailure,
        'traffic-failed',
        `Stage ${stage}: setting the canary weight to ${stageWeight}% failed: ${describe(error)}`,
        stage,
        context,
      );
    }
    weight = stageWeight;
    ports.onWeight?.(stageWeight);
    ports.log(`Stage ${stage}: ${stageWeight}% of traffic on ${settings.version}.`);

    const stageBegin = ports.now();
    const deadline = stageBegin + settings.stageDurationMs;
    const hardDeadline = deadline + settings.maxExtensionMs;
    const stageStart = windows.length;
    let lastCollect = stageBegin;
    let canary: SideSample = emptySide();
    let stable: SideSample = emptySide();
    let baseline: SideSample | undefined = comparison === 'baseline' ? emptySide() : undefined;
    let verdicts: MetricVerdict[] = [];
    let consecutiveFailures = 0;
    const record = (status: StageRecord['status'], reason: string): StageRecord => {
      const heldMs = ports.now() - stageBegin;
      const entry = {
        stage,
        weight: stageWeight,
        heldMs,
        canary,
        stable,
        ...(baseline ? { baseline } : {}),
        status,
        verdicts,
        reason,
        extendedMs: Math.max(0, heldMs - settings.stageDurationMs),
      };
      stages.push(entry);
      return entry;
    };

    for (;;) {
      const target =
        lastCollect < deadline
          ? Math.min(lastCollect + settings.analysisIntervalMs, deadline)
          : Math.min(lastCollect + settings.analysisIntervalMs, hardDeadline);
      await ports.sleep(Math.max(0, target - ports.now()), ports.signal);
      if (ports.signal?.aborted) {
        record('interrupted', 'the job was cancelled');
        return end(
          'rollback',
          'cancelled',
          `The rollout was cancelled at stage ${stage} (${stageWeight}%).`,
          stage,
          context,
        );
      }
      const toMs = ports.now();
      const fromMs = lastCollect;
      const window = await ports.metrics.collect({ fromMs, toMs }, context);
      lastCollect = toMs;
      const look = looks.length + 1;
      if (!window.ok) {
        metricsFailures++;
        consecutiveFailures++;
        looks.push({
          look,
          stage,
          weight: stageWeight,
          atMs: toMs - start,
          verdicts: [],
          metricsFailure: window.message,
        });
        ports.log(`Look ${look}: metrics failure from ${window.source}: ${window.message}`);
        if (consecutiveFailures >= settings.maxMetricsFailures) {
          record('failed', `metrics unavailable: ${window.message}`);
          return end(
            settings.onFailure,
            'metrics-failed',
            `Stage ${stage} (${stageWeight}%): the metrics could not be read ${consecutiveFailures} times in a row (${window.source}: ${window.message}), so the canary could not be judged.`,
            stage,
            context,
          );
        }
      } else {
        consecutiveFailures = 0;
        // Stamped with its time in the stage, so the judges can leave the warm-up out of latency.
        windows.push({ ...window, timing: { fromMs, toMs, stageStartMs: stageBegin } });
        canary = addSide(canary, window.canary);
        stable = addSide(stable, window.stable);
        if (baseline) baseline = addSide(baseline, window.baseline ?? emptySide());
        verdicts = judge.evaluate({ windows, stageStart, look, minSamples: settings.minSamples });
        looks.push({
          look,
          stage,
          weight: stageWeight,
          atMs: toMs - start,
          canary: window.canary,
          stable: window.stable,
          ...(window.baseline ? { baseline: window.baseline } : {}),
          verdicts,
        });
        ports.log(
          `Look ${look}: canary ${window.canary.requests} requests, ${window.canary.errors} errors; ${window.baseline ? `baseline ${window.baseline.requests} requests, ${window.baseline.errors} errors; ` : ''}stable ${window.stable.requests} requests, ${window.stable.errors} errors; ${verdicts.map((v) => `${v.metric} ${v.status}`).join(', ') || 'no verdict'}`,
        );
        const failed = verdicts.find((v) => v.status === 'fail');
        if (failed) {
          record('failed', failed.reason);
          return end(
            settings.onFailure,
            'canary-failed',
            `Stage ${stage} (${stageWeight}%): ${failed.reason}`,
            stage,
            context,
          );
        }
      }
      const starved = starvedCanary(
        { canary: canary.requests, others: stable.requests + (baseline?.requests ?? 0) },
        {
          weight: stageWeight,
          stageOver: toMs >= deadline,
          splitsByWeight: ports.metrics.splitsByWeight === true,
          settled: looks.filter((l) => l.stage === stage).length >= 2,
        },
      );
      if (starved) {
        record('failed', starved);
        return end(settings.onFailure, 'canary-failed', `Stage ${stage} (${stageWeight}%): ${starved}`, stage, context);
      }
      if (toMs < deadline) continue;
      // min-samples holds per stage: a stage passes on its own requests, not on those of the stages before it.
      const compared = baseline ?? stable;
      const enough = canary.requests >= settings.minSamples && compared.requests >= settings.minSamples;
      const decided =
        enough && verdicts.length > 0 && verdicts.every((v) => v.status === 'pass') && consecutiveFailures === 0;
      if (decided) {
        record('passed', verdicts.map((v) => v.reason).join('; '));
        break;
      }
      if (toMs < hardDeadline) continue;
      const saw = `stage ${stage} (${stageWeight}%) saw ${canary.requests} canary and ${compared.requests} ${baseline ? 'baseline' : 'stable'} requests in ${seconds(toMs - stageBegin)}${toMs - deadline > 0 ? ` (extended by ${seconds(toMs - deadline)})` : ''}`;
      const undecided = verdicts.filter((v) => v.status !== 'pass').map((v) => v.reason);
      const noData = !enough
        ? `${saw}, fewer than the ${settings.minSamples} per side (min-samples) a stage needs to pass, so the canary was not judged`
        : consecutiveFailures > 0 || undecided.length === 0
          ? `${saw}, but its last metrics could not be read, so the canary was not judged`
          : `${saw}, but the judge could not decide (${undecided.join('; ')})`;
      if (settings.onNoData === 'continue') {
        record('continued-without-data', noData);
        ports.log(`Not enough data: ${noData}; continuing (on-no-data: continue).`);
        break;
      }
      record('no-data', noData);
      return end(
        settings.onNoData,
        'no-data',
        `Not enough data: ${noData}. Send more traffic to the service, add probe traffic (metrics: probes), or hold stages longer (stage-duration, max-extension).`,
        stage,
        context,
      );
    }
  }
  return finish('failed', 'traffic-failed', 'The stages did not end at 100.');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

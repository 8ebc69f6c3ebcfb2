import {
  runRollout,
  type Judge,
  type MetricsProvider,
  type RolloutResult,
  type RolloutSettings,
  type TrafficProvider,
} from '@shipgate/canary';
import { writePayload, type DeploymentRecord } from '@shipgate/history';
import type { Clock } from '@shipgate/core';
import type { ActionContext, ActionOutcome } from '@shipgate/kit';
import type { ACTION } from './inputs.js';
import type { CanarySettings } from './settings.js';
import { writeCanarySummary } from './summary.js';

type Context = ActionContext<typeof ACTION.inputs>;

/**
 * The stable version: the `stable-version` input, else the environment's current deployment. Prometheus needs
 * it to tell the sides apart, so without it the step fails here, before anything is written.
 */
export function stableVersionOf(
  settings: CanarySettings,
  current: DeploymentRecord | undefined,
  inputs: Context['inputs'],
): string | undefined {
  const stable = settings.stableVersion ?? current?.version;
  if (settings.metrics.prometheus && !stable) {
    throw inputs.error(
      'stable-version',
      "the stable version's label value in Prometheus",
      'No earlier deployment of this environment names it; set stable-version.',
    );
  }
  return stable;
}

/** What a rollback needs to put the previous version back: its version and where it runs. */
export function rolloutPayload(
  settings: CanarySettings,
  stableVersion: string | undefined,
  previousId: number | undefined,
): Record<string, unknown> {
  const p = settings.provider;
  return writePayload({
    version: settings.version,
    provider: p.kind,
    targets: p.kind === 'nginx' ? p.canaryTargets : [],
    previous: stableVersion
      ? { version: stableVersion, deploymentId: previousId, targets: p.kind === 'nginx' ? p.stableTargets : [] }
      : undefined,
    nginx:
      p.kind === 'nginx'
        ? { upstream: p.upstream, upstreamFile: p.upstreamFile, split: p.split.mode, host: settings.ssh?.host }
        : undefined,
    approval: settings.approval,
  });
}

/** Runs the rollout; a cancelled job (`signal`, aborted by the kit on SIGINT or SIGTERM) returns traffic to stable. */
export async function runWithCancel(
  settings: RolloutSettings,
  ports: { traffic: TrafficProvider; metrics: MetricsProvider; judge: Judge; clock: Clock; log(message: string): void },
  signal: AbortSignal,
): Promise<RolloutResult> {
  const { clock, ...rest } = ports;
  return runRollout(settings, {
    ...rest,
    now: () => clock.now(),
    sleep: (ms, sleepSignal) => clock.sleep(ms, sleepSignal),
    signal,
  });
}

/**
 * Which side takes all traffic when the rollout ended: the canary at 100%, stable at 0% (a failed abort leaves it
 * unknown), neither while traffic is split.
 */
export function servingSide(
  result: Pick<RolloutResult, 'finalWeight' | 'abortFailed'>,
): 'canary' | 'stable' | undefined {
  if (result.abortFailed) return undefined;
  if (result.finalWeight >= 100) return 'canary';
  if (result.finalWeight <= 0) return 'stable';
  return undefined;
}

/** Outputs, summary and report from the one result. */
export function writeOutcome(
  context: Context,
  result: RolloutResult,
  run: {
    settings: CanarySettings;
    stableVersion: string | undefined;
    provider: string;
    deploymentId: number | undefined;
  },
): ActionOutcome {
  const { settings } = run;
  context.setOutput('result', result.result);
  context.setOutput('final-weight', result.finalWeight);
  context.setOutput('failed-stage', result.failedStage ?? '');
  context.setOutput('reason', result.reason);
  context.setOutput('duration-seconds', Math.round(result.durationMs / 1000));
  const serving = servingSide(result);
  const provider = settings.provider;
  const targets =
    provider.kind === 'nginx' ? { canary: provider.canaryTargets, stable: provider.stableTargets } : undefined;
  context.setOutput(
    'serving-version',
    serving === 'canary' ? settings.version : serving === 'stable' ? (run.stableVersion ?? '') : '',
  );
  context.setOutput('serving-targets', serving && targets ? targets[serving].join(',') : '');
  writeCanarySummary(context.summary, result, {
    version: settings.version,
    stableVersion: run.stableVersion,
    provider: run.provider,
    metrics: settings.metrics.sources.join(' + '),
    judge: settings.judge,
  });
  context.writeReport({
    version: settings.version,
    stableVersion: run.stableVersion,
    environment: settings.environment,
    deploymentId: run.deploymentId,
    judge: settings.judge.kind,
    metrics: settings.metrics.sources,
    provider: run.provider,
    settings: settings.rollout,
    ...result,
  });
  return result.result === 'promoted' ? { status: 'success' } : { status: 'failure', message: result.reason };
}

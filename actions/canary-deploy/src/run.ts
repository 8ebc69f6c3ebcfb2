import { InputError, type ActionContext, type ActionOutcome } from '@shipgate/kit';
import { createStatisticalJudge } from '@shipgate/canary';
import { createThresholdJudge } from '@shipgate/canary';
import type { Judge } from '@shipgate/canary';
import { runRollout } from '@shipgate/canary';
import { currentDeployment, type DeploymentStore } from '@shipgate/history';
import { createDeployments, createMetrics, createTraffic, openSettingsShell } from './adapters.js';
import { Outputs, State } from './names.js';
import { parseSettings, type CanarySettings } from './settings.js';
import { writeCanarySummary } from './summary.js';

/** Composition root: settings → adapters → deployment record → rollout → outputs, summary, report. */
export async function run(context: ActionContext): Promise<ActionOutcome> {
  const settings = parseSettings(context.inputs, context.environment);
  for (const warning of settings.warnings) context.warning(warning);
  const environment = context.environment ?? 'production';
  const deployments = createDeployments(settings, context);
  if (!deployments) context.warning('No token (or no repository): this rollout is not recorded as a GitHub Deployment, so rollback cannot find it. Pass token: ${{ github.token }} with permissions: deployments: write.');
  const current = deployments ? currentDeployment(await deployments.list(environment)) : undefined;
  const stableVersion = settings.stableVersion ?? current?.version;
  if (settings.metrics.prometheus && !stableVersion) {
    throw new InputError('stable-version', undefined, 'the stable version\'s label value in Prometheus', { hint: 'No earlier deployment of this environment names it; set stable-version.' });
  }

  const shell = await openSettingsShell(settings, context);
  const metrics = createMetrics(settings, shell, context, stableVersion);
  try {
    const traffic = createTraffic(settings, shell);
    const judge: Judge = settings.judge.kind === 'statistical' ? createStatisticalJudge(settings.judge.statistical) : createThresholdJudge(settings.judge.limits);
    const deployment = await deployments?.create({
      environment,
      ref: context.runner.sha ?? settings.version,
      task: 'deploy:canary',
      version: settings.version,
      description: `Canary rollout of ${settings.version}`,
      payload: rollbackPayload(settings, stableVersion, current?.id),
      productionEnvironment: environment === 'production',
    });
    const links = { ...(context.runner.runUrl ? { logUrl: context.runner.runUrl } : {}), ...(settings.environmentUrl ? { environmentUrl: settings.environmentUrl } : {}) };
    if (deployment) {
      context.setOutput(Outputs.DeploymentId, deployment.id);
      context.saveState(State.DeploymentId, String(deployment.id));
      await deployments?.setStatus(deployment.id, 'in_progress', { ...links, description: `Rolling out ${settings.version} in stages ${settings.rollout.stages.join(', ')}` });
    }

    // From here on traffic may move: the post step returns it to stable if this process does not finish.
    context.saveState(State.Started, 'true');
    const controller = new AbortController();
    const cancel = (): void => controller.abort();
    process.once('SIGTERM', cancel);
    process.once('SIGINT', cancel);
    const result = await runRollout(settings.rollout, {
      traffic,
      metrics: metrics.metrics,
      judge,
      now: () => Date.now(),
      sleep: (ms, signal) => sleep(ms, signal),
      log: (message) => context.info(message),
      signal: controller.signal,
    }).finally(() => {
      process.off('SIGTERM', cancel);
      process.off('SIGINT', cancel);
    });
    context.saveState(State.Finished, 'true');

    if (deployment) await recordOutcome(deployments as DeploymentStore, deployment.id, result.result === 'promoted', result.reason, links, context);
    context.setOutput(Outputs.Result, result.result);
    context.setOutput(Outputs.FinalWeight, result.finalWeight);
    context.setOutput(Outputs.FailedStage, result.failedStage ?? '');
    context.setOutput(Outputs.Reason, result.reason);
    context.setOutput(Outputs.DurationSeconds, Math.round(result.durationMs / 1000));
    writeCanarySummary(context.summary, result, { version: settings.version, stableVersion, provider: traffic.describe(), metrics: settings.metrics.sources.join(' + '), judge: settings.judge.kind });
    context.writeReport({ version: settings.version, stableVersion, environment, deploymentId: deployment?.id, judge: settings.judge.kind, metrics: settings.metrics.sources, provider: traffic.describe(), settings: settings.rollout, ...result });
    return result.result === 'promoted' ? { status: 'success' } : { status: 'failure', message: result.reason };
  } finally {
    metrics.close();
    await shell.close();
  }
}

/** What a rollback needs to put the previous version back: its version and where it runs. */
function rollbackPayload(settings: CanarySettings, stableVersion: string | undefined, previousId: number | undefined): Record<string, unknown> {
  const p = settings.provider;
  return {
    shipgate: 1,
    provider: p.kind,
    previous: { version: stableVersion ?? null, deploymentId: previousId ?? null, ...(p.kind === 'nginx' ? { targets: p.stableTargets } : {}) },
    ...(p.kind === 'nginx' ? { targets: p.canaryTargets, nginx: { upstream: p.upstream, upstreamFile: p.upstreamFile, split: p.split.mode, host: settings.ssh?.host ?? null } } : {}),
  };
}

async function recordOutcome(store: DeploymentStore, id: number, promoted: boolean, reason: string, links: { logUrl?: string; environmentUrl?: string }, context: ActionContext): Promise<void> {
  try {
    await store.setStatus(id, promoted ? 'success' : 'failure', { ...links, description: reason });
  } catch (error) {
    context.warning(`Could not record the outcome on GitHub Deployment ${id}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

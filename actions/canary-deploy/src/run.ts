import { currentDeployment } from '@shipgate/history';
import type { ActionContext, ActionOutcome } from '@shipgate/kit';
import { createJudge, createRecorder, SYSTEM_ADAPTERS, type CanaryAdapters } from './adapters.js';
import type { ACTION } from './inputs.js';
import { rolloutPayload, runWithCancel, stableVersionOf, writeOutcome } from './rollout.js';
import { parseSettings } from './settings.js';
import { State } from './state.js';

/**
 * Composition root: settings (every input and file) → history (read) → shell and host checks (read) → the
 * Deployment record → the rollout → outputs, summary, report. Nothing is written before everything is checked.
 */
export async function run(
  context: ActionContext<typeof ACTION.inputs>,
  env: NodeJS.ProcessEnv = process.env,
  adapters: CanaryAdapters = SYSTEM_ADAPTERS,
): Promise<ActionOutcome> {
  const settings = parseSettings(context, env);
  for (const warning of settings.warnings) context.warning(warning);
  const store = adapters.deploymentStore(settings, context);
  if (!store)
    context.warning(
      'No token (or no repository): this rollout is not recorded as a GitHub Deployment, so rollback cannot find it. Pass token: ${{ github.token }} with permissions: deployments: write.',
    );
  const current = store ? currentDeployment(await store.list(settings.environment)) : undefined;
  const stableVersion = stableVersionOf(settings, current, context.inputs);

  // Everything opened is registered with the context, which releases it on every path, a cancelled job included.
  const shell = await adapters.shell(settings, context, context);
  await adapters.checkHost(settings, shell);
  const traffic = adapters.traffic(settings, shell);
  const metrics = adapters.metrics(settings, shell, stableVersion, context, (secret) => context.secrets.add(secret));
  const recorder = context.use(createRecorder(store, settings, context));
  const deploymentId = await recorder.start(
    {
      environment: settings.environment,
      ref: context.runner.sha ?? settings.version,
      task: 'deploy:canary',
      version: settings.version,
      description: `Canary rollout of ${settings.version}`,
      payload: rolloutPayload(settings, stableVersion, current?.id),
      productionEnvironment: settings.environment === 'production',
    },
    `Rolling out ${settings.version} in stages ${settings.rollout.stages.join(', ')}`,
  );
  if (deploymentId !== undefined) {
    context.setOutput('deployment-id', deploymentId);
    context.saveState(State.DeploymentId, String(deploymentId));
  }
  // From here on traffic may move: the post step returns it to stable if this process does not finish.
  context.saveState(State.Started, 'true');
  const result = await runWithCancel(
    settings.rollout,
    { traffic, metrics, judge: createJudge(settings), clock: adapters.clock, log: (message) => context.info(message) },
    context.signal,
  );
  // A failed abort leaves the rollout unfinished, so the post step keeps trying to return traffic to stable.
  if (!result.abortFailed) context.saveState(State.Finished, 'true');
  await recorder.finish(result.result === 'promoted' ? 'success' : 'failure', result.reason);
  return writeOutcome(context, result, { settings, stableVersion, provider: traffic.describe(), deploymentId });
}

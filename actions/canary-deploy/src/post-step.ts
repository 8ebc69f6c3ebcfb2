import type { ActionContext, ActionOutcome } from '@shipgate/kit';
import { createDeploymentStore, createRecorder, createTraffic, openSettingsShell } from './adapters.js';
import type { ACTION } from './inputs.js';
import { parseSettings } from './settings.js';
import { State } from './state.js';

/**
 * The post step (`post-if: always()`): when the main step moved traffic but did not finish the rollout
 * (the job was cancelled, the process died), return all traffic to the stable version and mark the deployment.
 */
export async function cleanUp(
  context: ActionContext<typeof ACTION.inputs>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ActionOutcome> {
  if (context.core.getState(State.Started) !== 'true' || context.core.getState(State.Finished) === 'true')
    return { status: 'success' };
  context.warning(
    'The rollout did not finish (the job was cancelled or the step died): returning all traffic to the stable version.',
  );
  const settings = parseSettings(context, env);
  await using stack = new AsyncDisposableStack();
  const shell = await openSettingsShell(settings, context, stack);
  await createTraffic(settings, shell).abort({ version: settings.version, stage: 0 });
  const recorder = createRecorder(createDeploymentStore(settings, context), settings, context);
  recorder.resume(Number(context.core.getState(State.DeploymentId)));
  await recorder.finish('failure', 'Interrupted; all traffic returned to the stable version by the post step.');
  context.summary
    .heading(`↩️ Canary ${settings.version} interrupted: traffic returned to stable`)
    .text('The main step did not finish the rollout, so the post step put all traffic back on the stable version.');
  context.info('All traffic is back on the stable version.');
  return { status: 'success' };
}

import type { ActionContext, ActionOutcome } from '@shipgate/kit';
import { createDeployments, createTraffic, openSettingsShell } from './adapters.js';
import { State } from './names.js';
import { parseSettings } from './settings.js';

/**
 * The post step (`post-if: always()`): when the main step moved traffic but did not finish the rollout
 * (the job was cancelled, the process died), return all traffic to the stable version and mark the deployment.
 */
export async function cleanUp(context: ActionContext): Promise<ActionOutcome> {
  if (context.core.getState(State.Started) !== 'true' || context.core.getState(State.Finished) === 'true') return { status: 'success' };
  context.warning('The rollout did not finish (the job was cancelled or the step died): returning all traffic to the stable version.');
  const settings = parseSettings(context.inputs, context.environment);
  const shell = await openSettingsShell(settings, context);
  try {
    await createTraffic(settings, shell).abort({ version: settings.version, stage: 0 });
  } finally {
    await shell.close();
  }
  const id = Number(context.core.getState(State.DeploymentId));
  if (id > 0) {
    await createDeployments(settings, context)?.setStatus(id, 'failure', { description: 'Interrupted; all traffic returned to the stable version by the post step.', ...(context.runner.runUrl ? { logUrl: context.runner.runUrl } : {}) });
  }
  context.summary.heading(`↩️ Canary ${settings.version} interrupted: traffic returned to stable`).text('The main step did not finish the rollout, so the post step put all traffic back on the stable version.');
  context.info('All traffic is back on the stable version.');
  return { status: 'success' };
}

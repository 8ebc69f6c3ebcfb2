import type { TrafficProvider } from '@shipgate/canary';
import type { Clock } from '@shipgate/core';
import type { ActionContext, ActionOutcome } from '@shipgate/kit';
import { createRecorder, SYSTEM_ADAPTERS, type CanaryAdapters } from './adapters.js';
import type { ACTION } from './inputs.js';
import { parseSettings } from './settings.js';
import { State } from './state.js';

/** Pauses between attempts to return traffic: about a minute in all, then the post step gives up loudly. */
export const ABORT_BACKOFF_MS: readonly number[] = [1000, 2000, 4000, 8000, 15_000, 30_000];

/**
 * The post step (`post-if: always()`): when the main step moved traffic but did not finish the rollout (the job
 * was cancelled, the process died, or returning traffic failed), return all traffic to the stable version, trying
 * again with backoff, and end the deployment record.
 */
export async function cleanUp(
  context: ActionContext<typeof ACTION.inputs>,
  env: NodeJS.ProcessEnv = process.env,
  adapters: CanaryAdapters = SYSTEM_ADAPTERS,
): Promise<ActionOutcome> {
  if (context.core.getState(State.Started) !== 'true' || context.core.getState(State.Finished) === 'true')
    return { status: 'success' };
  context.warning(
    'The rollout did not finish (the job was cancelled, the step died, or returning traffic failed): returning all traffic to the stable version.',
  );
  const settings = parseSettings(context, env);
  const shell = await adapters.shell(settings, context, context);
  const recorder = createRecorder(adapters.deploymentStore(settings, context), settings, context);
  recorder.resume(Number(context.core.getState(State.DeploymentId)));
  const problem = await abortWithRetries(adapters.traffic(settings, shell), settings.version, adapters.clock, (m) =>
    context.warning(m),
  );
  if (problem !== undefined) {
    const message = `Traffic could NOT be returned to the stable version after ${ABORT_BACKOFF_MS.length + 1} attempts: ${problem} Part of the traffic may still go to ${settings.version}: return it by hand.`;
    context.annotate({ level: 'error', title: 'Canary traffic not returned to stable', message });
    context.summary.heading(`🚨 Canary ${settings.version}: traffic not returned to stable`).text(message);
    await recorder.finish('error', `Traffic could not be returned to stable: ${problem}`);
    return { status: 'failure', message };
  }
  await recorder.finish('failure', 'Interrupted; all traffic returned to the stable version by the post step.');
  context.summary
    .heading(`↩️ Canary ${settings.version} interrupted: traffic returned to stable`)
    .text('The main step did not finish the rollout, so the post step put all traffic back on the stable version.');
  context.info('All traffic is back on the stable version.');
  return { status: 'success' };
}

/** Calls `abort` until it succeeds or the backoff runs out; the last error's message, or undefined on success. */
async function abortWithRetries(
  traffic: TrafficProvider,
  version: string,
  clock: Clock,
  warn: (message: string) => void,
): Promise<string | undefined> {
  let problem = '';
  for (let attempt = 0; attempt <= ABORT_BACKOFF_MS.length; attempt++) {
    try {
      await traffic.abort({ version, stage: 0 });
      return undefined;
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
      const pause = ABORT_BACKOFF_MS[attempt];
      if (pause === undefined) break;
      warn(
        `Returning traffic to stable failed (attempt ${attempt + 1}): ${problem} Trying again in ${pause / 1000} s.`,
      );
      await clock.sleep(pause);
    }
  }
  return problem;
}

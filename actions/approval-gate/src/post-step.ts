import type { ActionContext, ActionOutcome } from '@shipgate/kit';
import { SYSTEM_ADAPTERS, type GateAdapters } from './adapters.js';
import type { ACTION } from './inputs.js';
import { settleRequest } from './request.js';
import { closingNote } from './request-text.js';
import { parseSettings } from './settings.js';
import { State } from './state.js';

/**
 * The post step (`post-if: always()`): when the main step posted a request but did not settle it (the job was
 * cancelled or the step died while waiting), say so on the request and close the issue, so none is left open.
 */
export async function closeUnsettled(
  context: ActionContext<typeof ACTION.inputs>,
  env: NodeJS.ProcessEnv = process.env,
  adapters: GateAdapters = SYSTEM_ADAPTERS,
): Promise<ActionOutcome> {
  const number = Number(context.core.getState(State.RequestNumber));
  if (!Number.isSafeInteger(number) || number <= 0 || context.core.getState(State.Settled) === 'true')
    return { status: 'success' };
  const [owner = '', repo = ''] = (context.runner.repository ?? '').split('/');
  const kind = context.core.getState(State.RequestKind) === 'pull-request' ? 'pull-request' : 'issue';
  const client = adapters.github(parseSettings(context, env), context);
  const reason = 'The run was cancelled (or the step stopped) before a decision; the deployment did not go ahead.';
  await settleRequest(
    client,
    { owner, repo },
    { number, kind },
    closingNote('Cancelled', reason, undefined),
    'not-approved',
  );
  context.info(`Closed the approval request #${number}: cancelled before a decision.`);
  return { status: 'success' };
}

import type { ActionContext, ActionOutcome } from '@shipgate/kit';
import type { ACTION } from './inputs.js';
import { notify } from './notify.js';
import type { RollbackSettings } from './settings.js';
import { writeRollbackSummary, type RollbackOutcome } from './summary.js';

/** Outputs, summary, report and the webhook notice, from the one outcome; used on every path, failures included. */
export async function finishOutcome(
  context: ActionContext<typeof ACTION.inputs>,
  settings: RollbackSettings,
  outcome: RollbackOutcome,
  start: number,
): Promise<ActionOutcome> {
  outcome.durationMs = Date.now() - start;
  if (outcome.result === 'rolled-back' && outcome.durationMs > settings.maxDurationMs) {
    context.warning(
      `The rollback took ${(outcome.durationMs / 1000).toFixed(1)} s, over max-duration (${Math.round(settings.maxDurationMs / 1000)} s).`,
    );
  }
  const verified = writeOutputs(context, outcome);
  writeRollbackSummary(context.summary, outcome);
  context.writeReport(outcome);
  if (settings.notifyWebhook && outcome.result !== 'noop') {
    const notice = {
      environment: outcome.environment,
      from: outcome.from ?? null,
      to: outcome.to ?? null,
      result: outcome.result,
      verified: verified ?? null,
      durationSeconds: Math.round(outcome.durationMs / 100) / 10,
      reason: outcome.reason,
      runUrl: context.runner.runUrl ?? null,
    };
    const problem = await notify(settings.notifyWebhook, notice);
    if (problem) context.warning(`The rollback notification was not delivered: ${problem}.`);
  }
  context.info(outcome.reason);
  return outcome.result === 'failed' ? { status: 'failure', message: outcome.reason } : { status: 'success' };
}

/** Sets every output from the outcome (synchronous, so a cancelled job can still set them); returns `verified`. */
export function writeOutputs(
  context: ActionContext<typeof ACTION.inputs>,
  outcome: RollbackOutcome,
): boolean | undefined {
  const verified = outcome.verification ? outcome.verification.verdict === 'pass' : undefined;
  context.setOutput('result', outcome.result);
  context.setOutput('from-version', outcome.from ?? '');
  context.setOutput('to-version', outcome.to ?? '');
  context.setOutput('duration-seconds', Math.round(outcome.durationMs / 100) / 10);
  context.setOutput('verified', verified ?? '');
  context.setOutput('reason', outcome.reason);
  if (outcome.deploymentId !== undefined) context.setOutput('deployment-id', outcome.deploymentId);
  return verified;
}

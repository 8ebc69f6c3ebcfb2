import { createActionsCore, type ActionsCore } from './runner-protocol.js';
import { ActionContext } from './action-context.js';
import type { ActionDefinition, InputTable } from './input-spec.js';
import { ShipgateError } from '@shipgate/core';
import { readRunnerContext } from './runner-context.js';

/** How an action ended, when it ended as expected. A failed probe or gate is a `failure`, not an exception. */
export type ActionOutcome = { status: 'success' } | { status: 'failure'; message: string };

/** The body of an action: settings → adapters → domain → outputs. */
export type ActionMain<T extends InputTable = InputTable> = (
  context: ActionContext<T>,
) => Promise<ActionOutcome | void>;

/** What `runAction` needs of an action's definition: its name and its inputs table. */
export type ActionIdentity<T extends InputTable> = Pick<ActionDefinition, 'name'> & { inputs: T };

/** What `runAction` can be given instead of the real runner (tests). */
export interface RunDependencies {
  core?: ActionsCore;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  now?: () => Date;
}

/**
 * Runs an action's main step. The only caller of `setFailed` in the suite: an expected failure prints its
 * message; an error prints its message and hint without a stack (the stack goes to the debug log).
 * Whatever the action collected (summary, annotations) is written in every case.
 */
export async function runAction<T extends InputTable>(
  action: ActionIdentity<T>,
  main: ActionMain<T>,
  deps: RunDependencies = {},
): Promise<void> {
  const core = deps.core ?? createActionsCore();
  await execute(action, main, deps, core, (message) => core.setFailed(message));
}

/** Runs a post step. A post step never fails the job: whatever goes wrong is a warning. */
export async function runPost<T extends InputTable>(
  action: ActionIdentity<T>,
  main: ActionMain<T>,
  deps: RunDependencies = {},
): Promise<void> {
  const core = deps.core ?? createActionsCore();
  await execute(action, main, deps, core, (message) => core.warning(message));
}

async function execute<T extends InputTable>(
  action: ActionIdentity<T>,
  main: ActionMain<T>,
  deps: RunDependencies,
  core: ActionsCore,
  report: (message: string) => void,
): Promise<void> {
  let context: ActionContext<T> | undefined;
  try {
    context = await ActionContext.create(
      action,
      core,
      readRunnerContext(deps.env ?? process.env, deps.cwd ?? process.cwd()),
      deps.now,
    );
    const outcome = await main(context);
    await context.flush();
    if (outcome?.status === 'failure') report(context.secrets.redact(outcome.message));
  } catch (error) {
    await context
      ?.flush()
      .catch((flushError: unknown) => core.debug(`Could not write the summary: ${String(flushError)}`));
    const redact = (text: string): string => context?.secrets.redact(text) ?? text;
    if (error instanceof Error && error.stack) core.debug(redact(error.stack));
    report(redact(describeError(error)));
  }
}

/** The message users see: ours with its hint, or an unexpected error with what to do next. */
export function describeError(error: unknown): string {
  if (error instanceof ShipgateError) return error.hint ? `${error.message}\n${error.hint}` : error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `Unexpected error: ${message}. Re-run with debug logging (ACTIONS_STEP_DEBUG) for the stack trace, and report it if it persists.`;
}

import { createActionsCore, type ActionsCore } from './runner-protocol.js';
import { ActionContext } from './action-context.js';
import type { ActionDefinition, InputTable } from './input-spec.js';
import { ShipgateError } from '@shipgate/core';
import { readRunnerContext } from './runner-context.js';
import { Cancellation, CancelledError, type SignalSource } from './cancellation.js';

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
  /** Where SIGINT and SIGTERM come from. Default `process`. */
  signals?: SignalSource;
  /** How long a cancelled run may take to unwind before its resources are released under it. */
  cancelGraceMs?: number;
  /** Ends the process after a cancellation (work the run left behind must not keep it alive). Default `process.exit`. */
  exit?: (code: number) => void;
}

/**
 * Runs an action's main step. The only caller of `setFailed` in the suite: an expected failure prints its
 * message; an error prints its message and hint without a stack (the stack goes to the debug log).
 * Whatever the action collected (summary, annotations) is written in every case, and what the run registered
 * with its context (`use`, `adopt`) is released in every case, a cancelled job (SIGINT, SIGTERM) included: the
 * run's `signal` aborts, the run gets a short grace to unwind, then its resources are released, the step fails
 * and the process exits.
 */
export async function runAction<T extends InputTable>(
  action: ActionIdentity<T>,
  main: ActionMain<T>,
  deps: RunDependencies = {},
): Promise<void> {
  const core = deps.core ?? createActionsCore();
  await execute(action, main, deps, core, (message) => core.setFailed(message), 1);
}

/** Runs a post step. A post step never fails the job: whatever goes wrong is a warning. */
export async function runPost<T extends InputTable>(
  action: ActionIdentity<T>,
  main: ActionMain<T>,
  deps: RunDependencies = {},
): Promise<void> {
  const core = deps.core ?? createActionsCore();
  await execute(action, main, deps, core, (message) => core.warning(message), 0);
}

async function execute<T extends InputTable>(
  action: ActionIdentity<T>,
  main: ActionMain<T>,
  deps: RunDependencies,
  core: ActionsCore,
  report: (message: string) => void,
  cancelledExitCode: number,
): Promise<void> {
  using cancellation = new Cancellation(deps.signals ?? process, deps.cancelGraceMs);
  let context: ActionContext<T> | undefined;
  try {
    context = await ActionContext.create(
      action,
      core,
      readRunnerContext(deps.env ?? process.env, deps.cwd ?? process.cwd()),
      deps.now,
      cancellation.signal,
    );
    cancellation.signal.throwIfAborted();
    const outcome = await cancellation.settle(main(context));
    await release(context, core);
    await context.flush();
    if (outcome?.status === 'failure') report(context.secrets.redact(outcome.message));
  } catch (error) {
    if (context) await release(context, core);
    await context
      ?.flush()
      .catch((flushError: unknown) => core.debug(`Could not write the summary: ${String(flushError)}`));
    const redact = (text: string): string => context?.secrets.redact(text) ?? text;
    if (error instanceof Error && error.stack) core.debug(redact(error.stack));
    const cancelled = cancellation.cancelledBy;
    report(redact(cancelled ? describeError(new CancelledError(cancelled)) : describeError(error)));
  }
  // A cancelled run may still be busy (a request, a timer): nothing it does matters any more.
  if (cancellation.cancelledBy) (deps.exit ?? ((code: number) => process.exit(code)))(cancelledExitCode);
}

/** Releases what the run registered; a resource that fails to release is a warning, the others are still released. */
async function release(context: ActionContext, core: ActionsCore): Promise<void> {
  try {
    await context.release();
  } catch (error) {
    for (const e of unsuppress(error))
      core.warning(context.secrets.redact(`Could not release a resource: ${describeError(e)}`));
  }
}

/** The errors a disposal collected (each failed disposal wraps the earlier ones in a SuppressedError). */
function unsuppress(error: unknown): unknown[] {
  return error instanceof SuppressedError ? [...unsuppress(error.suppressed), ...unsuppress(error.error)] : [error];
}

/** The message users see: ours with its hint, or an unexpected error with what to do next. */
export function describeError(error: unknown): string {
  if (error instanceof ShipgateError) return error.hint ? `${error.message}\n${error.hint}` : error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `Unexpected error: ${message}. Re-run with debug logging (ACTIONS_STEP_DEBUG) for the stack trace, and report it if it persists.`;
}

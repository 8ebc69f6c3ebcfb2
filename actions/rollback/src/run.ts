import { DeploymentRecorder, planRollback } from '@shipgate/history';
import { describeError, ShipgateError, type ActionContext, type ActionOutcome } from '@shipgate/kit';
import { SYSTEM_ADAPTERS, type RollbackAdapters } from './adapters.js';
import type { ACTION } from './inputs.js';
import { finishOutcome, writeOutputs } from './outcome.js';
import { putBack } from './put-back.js';
import { resolveServers } from './servers.js';
import { parseSettings, type RollbackSettings } from './settings.js';
import type { RollbackOutcome } from './summary.js';
import { rollbackRecord } from './servers.js';
import { verificationFailure, verifyRollback } from './verify.js';

/**
 * Composition root: settings (every input and the verify file) → history → plan → checks → the Deployment record →
 * put the old version back → verify → outputs, summary, report, notice. Every output is set on every path: a
 * failure before the record (GitHub unreachable, SSH refused) or a cancelled job included.
 */
export async function run(
  context: ActionContext<typeof ACTION.inputs>,
  env: NodeJS.ProcessEnv = process.env,
  adapters: RollbackAdapters = SYSTEM_ADAPTERS,
): Promise<ActionOutcome> {
  const start = Date.now();
  const settings = parseSettings(context, env);
  const outcome: RollbackOutcome = {
    result: 'failed',
    environment: settings.environment,
    from: undefined,
    to: undefined,
    reason: '',
    durationMs: 0,
    maxDurationMs: settings.maxDurationMs,
  };
  let finished = false;
  // A cancelled job can release the run while it is still busy (a held command): the outputs are set then.
  context.adopt(outcome, (o) => {
    if (finished) return;
    Object.assign(o, {
      result: 'failed',
      reason: describeError(context.signal.reason),
      durationMs: Date.now() - start,
    });
    writeOutputs(context, o);
  });
  try {
    await rollBack(context, settings, adapters, outcome);
  } catch (error) {
    outcome.result = 'failed';
    outcome.reason = describeError(context.signal.aborted ? context.signal.reason : error);
    finished = true;
    await finishOutcome(context, settings, outcome, start);
    throw error;
  }
  finished = true;
  return finishOutcome(context, settings, outcome, start);
}

/** `expect-current` names the serving deployment by its version or its commit SHA. */
function sameVersion(current: { version: string; ref: string } | undefined, expected: string): boolean {
  return current !== undefined && (current.version === expected || current.ref === expected);
}

/** Plans and carries out the rollback, filling `outcome` as it learns (versions first, so a failure still names them). */
async function rollBack(
  context: ActionContext<typeof ACTION.inputs>,
  settings: RollbackSettings,
  adapters: RollbackAdapters,
  outcome: RollbackOutcome,
): Promise<void> {
  const { environment } = settings;
  if (!context.runner.repository) {
    throw new ShipgateError('GITHUB_REPOSITORY is not set, so there is no deployment history to read.', {
      hint: 'Run rollback in a GitHub workflow, or set GITHUB_REPOSITORY=owner/repo when running it with the shipgate command.',
    });
  }
  const store = adapters.deploymentStore(settings, context, context.runner.repository);
  const plan = planRollback(await store.list(environment, 50), {
    environment,
    force: settings.force,
    ...(settings.to ? { to: settings.to } : {}),
  });
  Object.assign(outcome, { from: plan.current?.version, to: plan.current?.version, reason: plan.reason });
  if (plan.kind === 'noop') return void (outcome.result = 'noop');
  const expected = settings.expectCurrent;
  if (expected !== undefined && !sameVersion(plan.current, expected)) {
    outcome.reason = `Nothing rolled back: ${plan.current ? `${plan.current.version} is serving` : 'no version is recorded as serving'} in ${environment}, not ${expected} (expect-current).`;
    return void (outcome.result = 'noop');
  }

  const version = plan.target.version;
  outcome.to = version;
  if (!settings.emergency && plan.current?.state === 'in_progress') {
    throw new ShipgateError(
      `Deployment ${plan.current.id} (${plan.current.version}) is still in progress in ${environment}.`,
      { hint: 'Wait for it (or cancel it), or set emergency: true to roll back now.' },
    );
  }
  const servers =
    settings.provider.kind === 'nginx'
      ? resolveServers(plan.target, plan.current, settings.provider, {
          logins:
            settings.provider.trustedCreators.length > 0
              ? settings.provider.trustedCreators
              : [await adapters.identity(settings, context)],
        })
      : undefined;
  for (const note of servers?.notes ?? []) context.warning(note);
  // Registered with the context, so they are released on every path, a cancelled job included.
  const shell = context.adopt(await adapters.shell(settings, context), (s) => s.close());
  if (settings.provider.kind === 'nginx')
    await adapters.checkNginxFiles(shell, {
      upstreamFile: settings.provider.upstreamFile,
      pidFile: settings.provider.pidFile,
    });
  const transport = context.use(adapters.transport());
  const links = {
    ...(context.runner.runUrl ? { logUrl: context.runner.runUrl } : {}),
    ...(settings.environmentUrl ? { environmentUrl: settings.environmentUrl } : {}),
  };
  const recorder = context.use(
    new DeploymentRecorder(store, { links, redact: (t) => context.secrets.redact(t), warn: (m) => context.warning(m) }),
  );
  try {
    outcome.deploymentId = await recorder.start(
      rollbackRecord(plan, servers, settings, context.runner.sha),
      `Rolling back to ${version}`,
    );
    outcome.health = (await putBack(version, servers, settings, shell, transport, (m) => context.info(m))).health;
  } catch (error) {
    await recorder.finish('failure', `Rollback to ${version} failed; traffic left where it was`);
    throw error;
  }
  if (plan.current) await recorder.mark(plan.current.id, 'failure', `Rolled back to ${version}`);
  await recorder.finish('success', `All traffic on ${version}`);
  outcome.result = 'rolled-back';
  outcome.reason = `Rolled ${environment} back from ${plan.current?.version ?? 'an unknown version'} to ${version}: ${plan.reason}`;
  if (settings.verify) {
    outcome.verification = await verifyRollback(settings.verify, transport, (v) => context.secrets.add(v));
    const failure = verificationFailure(outcome.verification, version);
    if (failure) Object.assign(outcome, { result: 'failed', reason: failure });
  }
}

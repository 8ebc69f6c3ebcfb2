import { ShipgateError, type ActionContext, type ActionOutcome } from '@shipgate/kit';
import { createGitHubClient } from '@shipgate/github';
import { GitHubDeploymentStore } from '@shipgate/github';
import { planRollback } from '@shipgate/history';
import { createNetTransport } from '@shipgate/net';
import { openShell } from '@shipgate/traffic';
import { notify } from './notify.js';
import { putBack, type PutBackSteps } from './put-back.js';
import { resolveServers } from './servers.js';
import { parseSettings } from './settings.js';
import { writeRollbackSummary, type RollbackOutcome } from './summary.js';
import { verifyRollback } from './verify.js';

/** Composition root: settings → history → plan → put the old version back → verify → record, notify, report. */
export async function run(context: ActionContext): Promise<ActionOutcome> {
  const start = Date.now();
  const settings = parseSettings(context.inputs);
  const environment = context.environment ?? 'production';
  if (!context.runner.repository) {
    throw new ShipgateError('GITHUB_REPOSITORY is not set, so there is no deployment history to read.', { hint: 'Run rollback in a GitHub workflow, or set GITHUB_REPOSITORY=owner/repo when running it with the shipgate command.' });
  }
  const store = new GitHubDeploymentStore(createGitHubClient({ token: settings.token, baseUrl: context.runner.apiUrl, mask: (s) => context.secrets.add(s), log: (m) => context.debug(m) }), context.runner.repository);
  const history = await store.list(environment, 50);
  const plan = planRollback(history, { environment, force: settings.force, ...(settings.to ? { to: settings.to } : {}) });
  const links = { ...(context.runner.runUrl ? { logUrl: context.runner.runUrl } : {}), ...(settings.environmentUrl ? { environmentUrl: settings.environmentUrl } : {}) };
  const outcome: RollbackOutcome = { result: 'noop', environment, from: plan.current?.version, to: plan.current?.version, reason: plan.reason, durationMs: 0, maxDurationMs: settings.maxDurationMs };

  if (plan.kind === 'rollback') {
    if (!settings.emergency && plan.current?.state === 'in_progress') {
      throw new ShipgateError(`Deployment ${plan.current.id} (${plan.current.version}) is still in progress in ${environment}.`, { hint: 'Wait for it (or cancel it), or set emergency: true to roll back now.' });
    }
    const version = plan.target.version;
    outcome.to = version;
    const servers = settings.provider.kind === 'nginx' ? resolveServers(plan.target, plan.current, settings.provider) : undefined;
    const deployment = await store.create({
      environment,
      ref: 'ref' in plan.target ? plan.target.ref : (context.runner.sha ?? version),
      task: 'rollback',
      version,
      description: `Rollback of ${environment} from ${plan.current?.version ?? 'unknown'} to ${version}`,
      payload: { shipgate: 1, provider: settings.provider.kind, ...(servers ? { targets: servers.target } : {}), replaced: { version: plan.current?.version ?? null, deploymentId: plan.current?.id ?? null } },
      productionEnvironment: environment === 'production',
    });
    outcome.deploymentId = deployment.id;
    context.setOutput('deployment-id', deployment.id);
    await store.setStatus(deployment.id, 'in_progress', { ...links, description: `Rolling back to ${version}` });

    const shell = await openShell(settings.ssh, { warn: (m) => context.warning(m), tempDir: context.runner.temp });
    const transport = createNetTransport();
    let steps: PutBackSteps;
    try {
      steps = await putBack(version, servers, settings, shell, transport, context);
    } catch (error) {
      await store.setStatus(deployment.id, 'failure', { ...links, description: `Rollback to ${version} failed; traffic left where it was` }).catch(() => undefined);
      transport.close();
      await shell.close();
      throw error;
    }
    await shell.close();
    outcome.health = steps.health;
    if (plan.current) await store.setStatus(plan.current.id, 'failure', { ...links, description: `Rolled back to ${version}` }).catch((e: unknown) => context.warning(`Could not mark deployment ${plan.current?.id} as failed: ${String(e)}`));
    await store.setStatus(deployment.id, 'success', { ...links, description: `All traffic on ${version}` });
    outcome.result = 'rolled-back';
    outcome.reason = `Rolled ${environment} back from ${plan.current?.version ?? 'an unknown version'} to ${version}: ${plan.reason}`;
    if (settings.verify) {
      outcome.verification = await verifyRollback(settings.verify, transport, context);
      if (outcome.verification.verdict === 'fail') {
        outcome.result = 'failed';
        const first = outcome.verification.probes.find((p) => p.status === 'failed');
        const detail = first ? ` First failure: '${first.name}': ${first.reason ?? 'failed'}.` : '';
        outcome.reason = `Rolled back to ${version}, but verification failed: ${outcome.verification.reason}${detail} Traffic stays on ${version}; no further rollback was made.`;
      }
    }
    transport.close();
  }

  outcome.durationMs = Date.now() - start;
  if (outcome.result === 'rolled-back' && outcome.durationMs > settings.maxDurationMs) {
    context.warning(`The rollback took ${(outcome.durationMs / 1000).toFixed(1)} s, over max-duration (${Math.round(settings.maxDurationMs / 1000)} s).`);
  }
  context.setOutput('result', outcome.result);
  context.setOutput('from-version', outcome.from ?? '');
  context.setOutput('to-version', outcome.to ?? '');
  context.setOutput('duration-seconds', Math.round(outcome.durationMs / 100) / 10);
  context.setOutput('verified', outcome.verification ? outcome.verification.verdict === 'pass' : '');
  context.setOutput('reason', outcome.reason);
  writeRollbackSummary(context.summary, outcome);
  context.writeReport({ ...outcome, plan: { kind: plan.kind, current: plan.current?.id ?? null } });
  if (settings.notifyWebhook && outcome.result !== 'noop') {
    const problem = await notify(settings.notifyWebhook, { environment, from: outcome.from ?? null, to: outcome.to ?? null, result: outcome.result, verified: outcome.verification ? outcome.verification.verdict === 'pass' : null, durationSeconds: Math.round(outcome.durationMs / 100) / 10, reason: outcome.reason, runUrl: context.runner.runUrl ?? null });
    if (problem) context.warning(`The rollback notification was not delivered: ${problem}.`);
  }
  context.info(outcome.reason);
  return outcome.result === 'failed' ? { status: 'failure', message: outcome.reason } : { status: 'success' };
}

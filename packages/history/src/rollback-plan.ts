import { InputError, ShipgateError } from '@shipgate/core';
import { currentDeployment, type DeploymentRecord } from './deployment-store.js';

/** What a rollback will do, decided from the environment's history before anything moves. */
export type RollbackPlan =
  | { kind: 'noop'; current: DeploymentRecord | undefined; reason: string }
  | {
      kind: 'rollback';
      current: DeploymentRecord | undefined;
      target: DeploymentRecord | { version: string; forced: true };
      reason: string;
    };

/** How the target was asked for. */
export interface RollbackRequest {
  environment: string;
  /** `to`: a version or a commit SHA (prefix); default the last good version. */
  to?: string;
  /** Allow a `to` that is not in the environment's history. */
  force: boolean;
}

const matches = (record: DeploymentRecord, to: string): boolean =>
  record.version === to || (to.length >= 7 && record.ref.startsWith(to));

/**
 * Decides the rollback target. The current version is the newest deployment whose latest status is success or
 * in progress. The default target is the newest successful deployment of another version, except right after a
 * rollback: when the current deployment is itself a rollback, there is nothing newer to undo, so a second run is
 * a no-op rather than a step further back. `to` picks a version from the history (or any version with `force`).
 */
export function planRollback(history: readonly DeploymentRecord[], request: RollbackRequest): RollbackPlan {
  if (history.length === 0 && !(request.to && request.force)) {
    throw new ShipgateError(
      `The environment '${request.environment}' has no deployments, so there is no version to roll back to.`,
      {
        hint: 'Deploy with canary-deploy (it records GitHub Deployments), check the environment input, or give to: <version> with force: true.',
      },
    );
  }
  const current = currentDeployment(history);
  if (request.to !== undefined) {
    if (current && matches(current, request.to))
      return {
        kind: 'noop',
        current,
        reason: `${current.version} is already the current version of ${request.environment}.`,
      };
    const target = history.find((r) => r.state === 'success' && matches(r, request.to as string));
    if (target)
      return {
        kind: 'rollback',
        current,
        target,
        reason: `to: ${request.to} names deployment ${target.id} (${target.version}).`,
      };
    if (request.force)
      return {
        kind: 'rollback',
        current,
        target: { version: request.to, forced: true },
        reason: `to: ${request.to} is not in the history; going there anyway (force: true).`,
      };
    const known = [...new Set(history.filter((r) => r.state === 'success').map((r) => r.version))].slice(0, 10);
    throw new InputError(
      'to',
      request.to,
      `a version with a successful deployment in ${request.environment}${known.length ? ` (${known.join(', ')})` : ''}`,
      { hint: 'Set force: true to go to a version that is not in the history.' },
    );
  }
  const newest = history[0];
  if (
    newest &&
    current &&
    newest !== current &&
    newest.task === 'deploy:canary' &&
    (newest.state === 'failure' || newest.state === 'error')
  ) {
    // canary-deploy returns traffic to the stable version when a rollout fails, so what serves is still current:
    // going back from it would undo a good version (issue: rollback after a failed deploy went one too far).
    return {
      kind: 'noop',
      current,
      reason: `The newest rollout (${newest.version}, deployment ${newest.id}) failed and its traffic went back to ${current.version}, which is still serving: there is nothing to roll back. Give to: <version> to go further back.`,
    };
  }
  if (current?.task === 'rollback') {
    return {
      kind: 'noop',
      current,
      reason: `The current version ${current.version} was put back by a rollback (deployment ${current.id}) and nothing has been deployed since, so there is nothing newer to undo.`,
    };
  }
  const target = history.find((r) => r.state === 'success' && r.version !== current?.version && r !== current);
  if (!target) {
    throw new ShipgateError(
      `No earlier successful deployment of another version in '${request.environment}'${current ? ` (current: ${current.version})` : ''}, so there is nothing to roll back to.`,
      {
        hint: 'Give to: <version> (with force: true if it was never deployed here).',
      },
    );
  }
  return {
    kind: 'rollback',
    current,
    target,
    reason: `${target.version} is the newest successful deployment (${target.id}) of a version other than the current ${current?.version ?? '(none)'}.`,
  };
}

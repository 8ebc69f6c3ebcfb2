/**
 * Deployment statuses: create (with `auto_inactive`), list (newest first, paginated), get.
 */
import { objectBody, optionalBoolean, optionalEnum, optionalString } from '../body-params.js';
import { appFor, isoTime, nodeId, renderLogin, repoApiUrl } from '../github-objects.js';
import { invalidRequest, notFound, validationFailed } from '../http-errors.js';
import { pageOf } from '../pagination.js';
import { intParam, repoRoute } from '../router.js';
import type { Route } from '../router.js';
import { newestFirst } from '../state.js';
import type { DeploymentRecord, DeploymentState, DeploymentStatusRecord, EmulatorState } from '../state.js';
import { findDeployment } from './deployments.js';
import type { RenderScope } from './deployments.js';

const STATUSES = '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses';
const STATUS = '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}';
const STATES = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'] as const;

/** What creating a status takes. */
export interface DeploymentStatusInput {
  state: DeploymentState;
  description?: string;
  logUrl?: string;
  environmentUrl?: string;
  environment?: string;
  /** Default true: a `success` marks the environment's other successful, non-transient deployments `inactive`. */
  autoInactive?: boolean;
  createdAt?: string;
}

function pushStatus(
  state: EmulatorState,
  deployment: DeploymentRecord,
  fields: Omit<DeploymentStatusRecord, 'id' | 'repo' | 'deploymentId'>,
): DeploymentStatusRecord {
  const status: DeploymentStatusRecord = {
    repo: deployment.repo,
    id: state.nextId('deploymentStatus'),
    deploymentId: deployment.id,
    ...fields,
  };
  state.deploymentStatuses.push(status);
  deployment.updatedAt = fields.updatedAt;
  return status;
}

/** Adds a status to a deployment as `POST .../statuses` does, including `auto_inactive`. */
export function recordDeploymentStatus(
  state: EmulatorState,
  deployment: DeploymentRecord,
  input: DeploymentStatusInput,
  creator: string,
  now: Date,
): DeploymentStatusRecord {
  if ((input.description ?? '').length > 140) {
    throw validationFailed([
      {
        resource: 'DeploymentStatus',
        field: 'description',
        code: 'custom',
        message: 'description is too long (maximum is 140 characters)',
      },
    ]);
  }
  if (input.environment) deployment.environment = input.environment;
  const at = input.createdAt ?? isoTime(now);
  const status = pushStatus(state, deployment, {
    state: input.state,
    creator,
    description: input.description ?? '',
    environment: deployment.environment,
    logUrl: input.logUrl ?? '',
    environmentUrl: input.environmentUrl ?? '',
    createdAt: at,
    updatedAt: at,
  });
  if (input.state === 'success' && input.autoInactive !== false) {
    const others = state.deployments.filter(
      (d) =>
        d.repo === deployment.repo &&
        d.id !== deployment.id &&
        d.environment === deployment.environment &&
        !d.transientEnvironment,
    );
    for (const other of others) {
      if (state.latestStatus(other.id)?.state !== 'success') continue;
      pushStatus(state, other, {
        state: 'inactive',
        creator,
        description: '',
        environment: other.environment,
        logUrl: '',
        environmentUrl: '',
        createdAt: at,
        updatedAt: at,
      });
    }
  }
  return status;
}

/** A `deployment-status` object. */
export function renderDeploymentStatus(scope: RenderScope, s: DeploymentStatusRecord): Record<string, unknown> {
  const deploymentUrl = `${repoApiUrl(scope.urls, scope.repo)}/deployments/${s.deploymentId}`;
  return {
    url: `${deploymentUrl}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId('DeploymentStatus', s.id),
    state: s.state,
    creator: renderLogin(scope.urls, scope.state, s.creator),
    description: s.description,
    environment: s.environment,
    target_url: s.logUrl,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    deployment_url: deploymentUrl,
    repository_url: repoApiUrl(scope.urls, scope.repo),
    environment_url: s.environmentUrl,
    log_url: s.logUrl,
    performed_via_github_app: appFor(scope.urls, scope.state, s.creator),
  };
}

/** Routes for deployment statuses. */
export function deploymentStatusRoutes(): Route[] {
  return [
    repoRoute('POST', STATUSES, (ctx) => {
      const deployment = findDeployment(ctx.state, ctx.repo, intParam(ctx, 'deployment_id'));
      const body = objectBody(ctx);
      const stateValue = optionalEnum(body, 'state', STATES);
      if (stateValue === undefined) throw invalidRequest(`"state" wasn't supplied.`);
      const input: DeploymentStatusInput = {
        state: stateValue,
        description: optionalString(body, 'description'),
        logUrl: optionalString(body, 'log_url') ?? optionalString(body, 'target_url'),
        environmentUrl: optionalString(body, 'environment_url'),
        environment: optionalString(body, 'environment'),
        autoInactive: optionalBoolean(body, 'auto_inactive'),
      };
      const status = recordDeploymentStatus(ctx.state, deployment, input, ctx.actor.login, ctx.now());
      return { status: 201, body: renderDeploymentStatus(ctx, status) };
    }),
    repoRoute('GET', STATUSES, (ctx) => {
      const deployment = findDeployment(ctx.state, ctx.repo, intParam(ctx, 'deployment_id'));
      const statuses = ctx.state.deploymentStatuses.filter((s) => s.deploymentId === deployment.id);
      return pageOf(ctx, newestFirst(statuses), (s) => renderDeploymentStatus(ctx, s));
    }),
    repoRoute('GET', STATUS, (ctx) => {
      const deployment = findDeployment(ctx.state, ctx.repo, intParam(ctx, 'deployment_id'));
      const id = intParam(ctx, 'status_id');
      const status = ctx.state.deploymentStatuses.find((s) => s.deploymentId === deployment.id && s.id === id);
      if (!status) throw notFound();
      return { status: 200, body: renderDeploymentStatus(ctx, status) };
    }),
  ];
}

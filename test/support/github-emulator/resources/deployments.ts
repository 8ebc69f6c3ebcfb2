/**
 * Deployments: create (with GitHub's defaults and its required-status-checks conflict), get, list with
 * filters (newest first, paginated), delete (only inactive ones, unless it is the environment's only one).
 */
import { createHash } from 'node:crypto';
import { objectBody, optionalBoolean, optionalString, optionalStringArray, requiredString } from '../body-params.js';
import type { Body } from '../body-params.js';
import { appFor, isoTime, nodeId, renderLogin, repoApiUrl } from '../github-objects.js';
import type { Urls } from '../github-objects.js';
import { ApiError, conflict, invalidRequest, notFound } from '../http-errors.js';
import { pageOf } from '../pagination.js';
import { intParam, repoRoute } from '../router.js';
import type { Route } from '../router.js';
import { newestFirst } from '../state.js';
import type { DeploymentRecord, EmulatorState, RepoRecord } from '../state.js';

const DEPLOYMENTS = '/repos/{owner}/{repo}/deployments';
const DEPLOYMENT = '/repos/{owner}/{repo}/deployments/{deployment_id}';

/** What rendering needs: where links point, the records, and the repository. */
export interface RenderScope {
  urls: Urls;
  state: EmulatorState;
  repo: RepoRecord;
}

/** What creating a deployment takes, with GitHub's parameter names turned to camelCase. */
export interface DeploymentInput {
  ref: string;
  sha?: string;
  task?: string;
  payload?: Record<string, unknown> | string;
  environment?: string;
  description?: string | null;
  transientEnvironment?: boolean;
  productionEnvironment?: boolean;
  autoMerge?: boolean;
  requiredContexts?: string[];
  createdAt?: string;
}

/** The commit a ref points at: itself when it is a full SHA, else what `setRef` stored, else a stable made-up SHA. */
export function resolveSha(state: EmulatorState, repo: RepoRecord, ref: string): string {
  if (/^[0-9a-f]{40}$/i.test(ref)) return ref.toLowerCase();
  return state.refs.get(repo.fullName)?.get(ref) ?? createHash('sha1').update(`${repo.fullName}@${ref}`).digest('hex');
}

function parsePayload(payload: DeploymentInput['payload']): Record<string, unknown> {
  if (payload === undefined || payload === '') return {};
  let value: unknown = payload;
  if (typeof payload === 'string') {
    try {
      value = JSON.parse(payload);
    } catch {
      throw invalidRequest(`For 'properties/payload', ${JSON.stringify(payload)} is not valid JSON.`);
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw invalidRequest(`For 'properties/payload', ${JSON.stringify(payload)} is not an object.`);
  return value as Record<string, unknown>;
}

/** GitHub refuses a deployment whose commit has required checks that have not succeeded. */
function checkRequiredContexts(
  state: EmulatorState,
  repo: RepoRecord,
  sha: string,
  ref: string,
  required: string[] | undefined,
): void {
  const runs = state.checkRuns.filter((r) => r.repo === repo.fullName && r.headSha === sha);
  const names = required ?? [...new Set(runs.map((r) => r.name))];
  const passed = (name: string): boolean =>
    runs.some(
      (r) =>
        r.name === name && r.status === 'completed' && ['success', 'neutral', 'skipped'].includes(r.conclusion ?? ''),
    );
  const failing = names.filter((name) => !passed(name));
  if (failing.length > 0) throw conflict(`Conflict: Commit status checks failed for ${ref}.`);
}

/** Creates a deployment record as `POST /deployments` does, applying GitHub's defaults. */
export function createDeployment(
  state: EmulatorState,
  repo: RepoRecord,
  input: DeploymentInput,
  creator: string,
  now: Date,
): DeploymentRecord {
  const sha = input.sha ?? resolveSha(state, repo, input.ref);
  checkRequiredContexts(state, repo, sha, input.ref, input.requiredContexts);
  const environment = input.environment ?? 'production';
  const createdAt = input.createdAt ?? isoTime(now);
  const deployment: DeploymentRecord = {
    repo: repo.fullName,
    id: state.nextId('deployment'),
    sha,
    ref: input.ref,
    task: input.task ?? 'deploy',
    payload: parsePayload(input.payload),
    originalEnvironment: environment,
    environment,
    description: input.description === undefined ? '' : input.description,
    creator,
    createdAt,
    updatedAt: createdAt,
    transientEnvironment: input.transientEnvironment ?? false,
    productionEnvironment: input.productionEnvironment ?? environment === 'production',
    autoMerge: input.autoMerge ?? true,
    requiredContexts: input.requiredContexts,
  };
  state.deployments.push(deployment);
  return deployment;
}

/** A `deployment` object. */
export function renderDeployment(scope: RenderScope, d: DeploymentRecord): Record<string, unknown> {
  const url = `${repoApiUrl(scope.urls, scope.repo)}/deployments/${d.id}`;
  return {
    url,
    id: d.id,
    node_id: nodeId('Deployment', d.id),
    task: d.task,
    original_environment: d.originalEnvironment,
    environment: d.environment,
    description: d.description,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    statuses_url: `${url}/statuses`,
    repository_url: repoApiUrl(scope.urls, scope.repo),
    creator: renderLogin(scope.urls, scope.state, d.creator),
    sha: d.sha,
    ref: d.ref,
    payload: d.payload,
    transient_environment: d.transientEnvironment,
    production_environment: d.productionEnvironment,
    performed_via_github_app: appFor(scope.urls, scope.state, d.creator),
  };
}

/** The deployment with this id in a repository, or a 404. */
export function findDeployment(state: EmulatorState, repo: RepoRecord, id: number): DeploymentRecord {
  const deployment = state.deployments.find((d) => d.repo === repo.fullName && d.id === id);
  if (!deployment) throw notFound();
  return deployment;
}

function inputFromBody(body: Body): DeploymentInput {
  const payload = body.payload;
  if (
    payload !== undefined &&
    typeof payload !== 'string' &&
    (payload === null || typeof payload !== 'object' || Array.isArray(payload))
  ) {
    throw invalidRequest(`For 'properties/payload', ${JSON.stringify(payload)} is not an object or a string.`);
  }
  return {
    ref: requiredString(body, 'ref'),
    payload: payload as DeploymentInput['payload'],
    task: optionalString(body, 'task'),
    environment: optionalString(body, 'environment'),
    description: optionalString(body, 'description', { nullable: true }),
    autoMerge: optionalBoolean(body, 'auto_merge'),
    requiredContexts: optionalStringArray(body, 'required_contexts'),
    transientEnvironment: optionalBoolean(body, 'transient_environment'),
    productionEnvironment: optionalBoolean(body, 'production_environment'),
  };
}

/** Routes for deployments. */
export function deploymentRoutes(): Route[] {
  return [
    repoRoute('POST', DEPLOYMENTS, (ctx) => {
      const deployment = createDeployment(
        ctx.state,
        ctx.repo,
        inputFromBody(objectBody(ctx)),
        ctx.actor.login,
        ctx.now(),
      );
      return { status: 201, body: renderDeployment(ctx, deployment) };
    }),
    repoRoute('GET', DEPLOYMENT, (ctx) => ({
      status: 200,
      body: renderDeployment(ctx, findDeployment(ctx.state, ctx.repo, intParam(ctx, 'deployment_id'))),
    })),
    repoRoute('GET', DEPLOYMENTS, (ctx) => {
      const filters = (['environment', 'sha', 'ref', 'task'] as const).flatMap((key) => {
        const value = ctx.query.get(key);
        return value === null || value === '' ? [] : [[key, value] as const];
      });
      const deployments = ctx.state.deployments.filter(
        (d) => d.repo === ctx.repo.fullName && filters.every(([key, value]) => d[key] === value),
      );
      return pageOf(ctx, newestFirst(deployments), (d) => renderDeployment(ctx, d));
    }),
    repoRoute('DELETE', DEPLOYMENT, (ctx) => {
      const deployment = findDeployment(ctx.state, ctx.repo, intParam(ctx, 'deployment_id'));
      const sameEnvironment = ctx.state.deployments.filter(
        (d) => d.repo === ctx.repo.fullName && d.environment === deployment.environment,
      );
      if (sameEnvironment.length > 1 && ctx.state.latestStatus(deployment.id)?.state !== 'inactive') {
        throw new ApiError(422, {
          message: 'We cannot delete an active deployment unless it is the only deployment in a given environment.',
        });
      }
      ctx.state.deployments.splice(ctx.state.deployments.indexOf(deployment), 1);
      for (let i = ctx.state.deploymentStatuses.length - 1; i >= 0; i -= 1) {
        if (ctx.state.deploymentStatuses[i]?.deploymentId === deployment.id) ctx.state.deploymentStatuses.splice(i, 1);
      }
      return { status: 204 };
    }),
  ];
}

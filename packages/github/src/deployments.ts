import { randomUUID } from 'node:crypto';
import type { DeploymentRecord, DeploymentState, DeploymentStore, NewDeployment, StatusLinks } from '@shipgate/history';
import { statusDescription } from '@shipgate/history';
import type { GitHubClient } from './client.js';
import { isVersion } from '@shipgate/core';

interface RawDeployment {
  id: number;
  environment: string;
  ref: string;
  sha: string;
  task: string;
  payload: unknown;
  created_at: string;
  creator?: { login: string } | null;
}

/**
 * Deployment history in GitHub Deployments. Success statuses are created with `auto_inactive: false`, so
 * older successful deployments keep their `success` and a rollback can still find the last good one.
 */
export class GitHubDeploymentStore implements DeploymentStore {
  private readonly owner: string;
  private readonly repo: string;

  constructor(
    private readonly client: GitHubClient,
    repository: string,
  ) {
    const [owner, repo] = repository.split('/');
    if (!owner || !repo) throw new Error(`GitHubDeploymentStore: repository must be owner/repo, got '${repository}'`);
    this.owner = owner;
    this.repo = repo;
  }

  async list(environment: string, limit = 30): Promise<DeploymentRecord[]> {
    const deployments: RawDeployment[] = [];
    for await (const page of this.client.paginate.iterator('GET /repos/{owner}/{repo}/deployments', {
      owner: this.owner,
      repo: this.repo,
      environment,
      per_page: Math.min(100, limit),
    })) {
      deployments.push(...(page.data as RawDeployment[]));
      if (deployments.length >= limit) break;
    }
    return Promise.all(
      deployments.slice(0, limit).map(async (d) => {
        const latest = await this.latestStatus(d.id);
        return { ...toRecord(d, latest?.state), stateAt: latest?.at };
      }),
    );
  }

  /**
   * Creates the deployment once, even when GitHub carried out a request whose answer was lost: the payload
   * carries a request id, and before a retry the recent deployments are searched for it.
   */
  async create(d: NewDeployment): Promise<DeploymentRecord> {
    const requestId = randomUUID();
    const beforeRetry = async () => {
      const { data } = await this.client.request('GET /repos/{owner}/{repo}/deployments', {
        owner: this.owner,
        repo: this.repo,
        environment: d.environment,
        per_page: 20,
      });
      const made = (data as RawDeployment[]).find(
        (r) => toRecord(r, undefined).payload.shipgate_request_id === requestId,
      );
      return made ? { status: 201, url: '', headers: {}, data: made } : undefined;
    };
    const response = await this.client.request('POST /repos/{owner}/{repo}/deployments', {
      request: { beforeRetry },
      owner: this.owner,
      repo: this.repo,
      ref: d.ref,
      task: d.task,
      environment: d.environment,
      description: statusDescription(d.description),
      auto_merge: false,
      required_contexts: [],
      payload: { ...d.payload, version: d.version, shipgate_request_id: requestId },
      ...(d.productionEnvironment === undefined ? {} : { production_environment: d.productionEnvironment }),
    });
    if (response.status !== 201)
      throw new Error(
        `GitHub did not create the deployment (HTTP ${response.status}): ${JSON.stringify(response.data)}`,
      );
    return toRecord(response.data as RawDeployment, undefined);
  }

  async setStatus(id: number, state: DeploymentState, links: StatusLinks): Promise<void> {
    await this.client.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
      owner: this.owner,
      repo: this.repo,
      deployment_id: id,
      state,
      description: statusDescription(links.description),
      auto_inactive: false,
      ...(links.logUrl ? { log_url: links.logUrl } : {}),
      ...(links.environmentUrl ? { environment_url: links.environmentUrl } : {}),
    });
  }

  /** The newest status's state and when it was created (GitHub lists statuses newest first). */
  private async latestStatus(id: number): Promise<{ state: DeploymentState; at: string } | undefined> {
    const response = await this.client.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
      owner: this.owner,
      repo: this.repo,
      deployment_id: id,
      per_page: 1,
    });
    const newest = response.data[0];
    return newest ? { state: newest.state as DeploymentState, at: newest.created_at } : undefined;
  }
}

function toRecord(d: RawDeployment, state: DeploymentState | undefined): DeploymentRecord {
  const payload =
    typeof d.payload === 'string' ? parsePayload(d.payload) : ((d.payload ?? {}) as Record<string, unknown>);
  // Anyone with deployments: write can put any text in a payload: only a version by the grammar is believed.
  const version = isVersion(payload.version) ? payload.version : isVersion(d.ref) ? d.ref : d.sha;
  return {
    id: d.id,
    environment: d.environment,
    ref: d.sha || d.ref,
    task: d.task,
    version,
    payload,
    createdAt: d.created_at,
    ...(d.creator?.login ? { creator: d.creator.login } : {}),
    state,
  };
}

function parsePayload(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

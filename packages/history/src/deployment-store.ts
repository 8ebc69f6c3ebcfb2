/**
 * Deployment history over a small port. GitHub Deployments implement it (`packages/github`); tests use
 * `FakeDeploymentStore`. Rollback and canary-deploy read and write history only through this.
 */
export type DeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

/** A deployment with its latest status. */
export interface DeploymentRecord {
  id: number;
  environment: string;
  /** The commit SHA or ref deployed. */
  ref: string;
  /** `deploy`, `deploy:canary`, `rollback`, ... */
  task: string;
  /** The version (from the payload, else the ref). */
  version: string;
  payload: Record<string, unknown>;
  createdAt: string;
  /** Who created it (a login such as `github-actions[bot]`), when the store knows. */
  creator?: string;
  /** The newest status, or undefined when none was set. */
  state: DeploymentState | undefined;
  /** ISO time the newest status was created, when the store knows it (a soak time is measured from it). */
  stateAt?: string | undefined;
}

/** What a new deployment records. */
export interface NewDeployment {
  environment: string;
  ref: string;
  task: string;
  version: string;
  description: string;
  payload: Record<string, unknown>;
  productionEnvironment?: boolean;
}

/** Where the statuses link to. */
export interface StatusLinks {
  description: string;
  /** The workflow run. */
  logUrl?: string;
  /** The deployed service. */
  environmentUrl?: string;
}

export interface DeploymentStore {
  /** The environment's deployments, newest first, each with its latest status. */
  list(environment: string, limit?: number): Promise<DeploymentRecord[]>;
  create(deployment: NewDeployment): Promise<DeploymentRecord>;
  setStatus(id: number, state: DeploymentState, links: StatusLinks): Promise<void>;
}

/** The version live now: the newest deployment whose latest status is success, or a rollout in progress. */
export function currentDeployment(records: readonly DeploymentRecord[]): DeploymentRecord | undefined {
  // A rollback counts only once it succeeded: one that failed, or stopped without a final status, may not have
  // moved traffic, and taking it as current would make the next rollback a no-op while the bad version serves.
  return records.find((r) => r.state === 'success' || (r.state === 'in_progress' && r.task !== 'rollback'));
}

/** GitHub limits a status description to 140 characters. */
export function statusDescription(text: string): string {
  return text.length <= 140 ? text : `${text.slice(0, 139)}…`;
}

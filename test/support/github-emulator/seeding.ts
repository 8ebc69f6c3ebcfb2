/**
 * Putting records in place before a test runs, without going through HTTP: past deployments with their
 * statuses, issues and comments by other users, collaborators and team members.
 */
import { isoTime } from './github-objects.js';
import { createDeployment } from './resources/deployments.js';
import { recordDeploymentStatus } from './resources/deployment-statuses.js';
import type { DeploymentStatusInput } from './resources/deployment-statuses.js';
import { labelRecord, nextIssueNumber } from './resources/issues.js';
import type {
  CommentRecord,
  DeploymentRecord,
  DeploymentState,
  EmulatorState,
  IssueRecord,
  RepoRecord,
} from './state.js';

/** A past deployment and the statuses it went through, oldest first. */
export interface SeedDeployment {
  environment: string;
  ref: string;
  sha?: string;
  task?: string;
  payload?: Record<string, unknown>;
  description?: string;
  /** States in order, e.g. `['in_progress', 'success']`; `auto_inactive` applies to each as on GitHub. */
  statuses?: Array<DeploymentState | DeploymentStatusInput>;
  /** ISO time; defaults to the emulator's clock. Statuses get the same time unless they name their own. */
  createdAt?: string;
  creator?: string;
  transientEnvironment?: boolean;
  productionEnvironment?: boolean;
}

/** Creates a deployment and its statuses. Required status checks are not verified for seeded deployments. */
export function seedDeployment(
  state: EmulatorState,
  repo: RepoRecord,
  seed: SeedDeployment,
  creator: string,
  now: Date,
): DeploymentRecord {
  const createdAt = seed.createdAt ?? isoTime(now);
  const deployment = createDeployment(
    state,
    repo,
    {
      ref: seed.ref,
      sha: seed.sha,
      task: seed.task,
      payload: seed.payload,
      environment: seed.environment,
      description: seed.description,
      transientEnvironment: seed.transientEnvironment,
      productionEnvironment: seed.productionEnvironment,
      requiredContexts: [],
      createdAt,
    },
    seed.creator ?? creator,
    now,
  );
  for (const status of seed.statuses ?? []) {
    const input = typeof status === 'string' ? { state: status } : status;
    const at = input.createdAt ?? createdAt;
    recordDeploymentStatus(state, deployment, { ...input, createdAt: at }, seed.creator ?? creator, now);
  }
  return deployment;
}

/** An issue opened by `user`. */
export interface SeedIssue {
  title: string;
  body?: string | null;
  user?: string;
  labels?: string[];
  state?: 'open' | 'closed';
  createdAt?: string;
}

/** Creates an issue record. */
export function seedIssue(
  state: EmulatorState,
  repo: RepoRecord,
  seed: SeedIssue,
  defaultUser: string,
  now: Date,
): IssueRecord {
  const at = seed.createdAt ?? isoTime(now);
  const closed = seed.state === 'closed';
  const issue: IssueRecord = {
    repo: repo.fullName,
    id: state.nextId('issue'),
    number: nextIssueNumber(state, repo),
    title: seed.title,
    body: seed.body ?? null,
    state: closed ? 'closed' : 'open',
    stateReason: closed ? 'completed' : null,
    labels: (seed.labels ?? []).map((name) => labelRecord(state, repo, name).name),
    user: seed.user ?? defaultUser,
    assignees: [],
    locked: false,
    createdAt: at,
    updatedAt: at,
    closedAt: closed ? at : null,
    closedBy: closed ? (seed.user ?? defaultUser) : null,
  };
  state.issues.push(issue);
  return issue;
}

/** A comment by `user` on an issue. */
export interface SeedComment {
  issueNumber: number;
  body: string;
  user: string;
  createdAt?: string;
  updatedAt?: string;
}

/** Creates a comment record (the issue must exist). */
export function seedComment(state: EmulatorState, repo: RepoRecord, seed: SeedComment, now: Date): CommentRecord {
  if (!state.issues.some((i) => i.repo === repo.fullName && i.number === seed.issueNumber)) {
    throw new Error(`seedComment: ${repo.fullName} has no issue #${seed.issueNumber}`);
  }
  const createdAt = seed.createdAt ?? isoTime(now);
  const comment: CommentRecord = {
    repo: repo.fullName,
    id: state.nextId('comment'),
    issueNumber: seed.issueNumber,
    body: seed.body,
    user: seed.user,
    createdAt,
    updatedAt: seed.updatedAt ?? createdAt,
  };
  state.comments.push(comment);
  return comment;
}

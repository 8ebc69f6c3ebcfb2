/**
 * The emulator's data: plain records that tests may read and change directly. Responses are rendered from
 * these records on every request (see the files under `resources/`), so a change here shows in the next response.
 * Timestamps are stored as GitHub formats them: ISO 8601 in UTC without milliseconds.
 */

/** A repository role, as `collaborators/{username}/permission` reports it in `role_name`. */
export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read';
export type TeamRole = 'member' | 'maintainer';
export type DeploymentState = 'error' | 'failure' | 'inactive' | 'pending' | 'success' | 'queued' | 'in_progress';
export type IssueStateReason = 'completed' | 'reopened' | 'not_planned' | 'duplicate';
export type CheckRunStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
export type CheckRunConclusion =
  'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required';

export interface UserRecord {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
  name: string | null;
}

export interface RepoRecord {
  owner: string;
  name: string;
  id: number;
  /** `owner/name`: the key every other record uses for its repository. */
  fullName: string;
}

export interface LabelRecord {
  repo: string;
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface IssueRecord {
  repo: string;
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: IssueStateReason | null;
  /** Label names; the label records live in `labels`. */
  labels: string[];
  user: string;
  assignees: string[];
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
}

export interface CommentRecord {
  repo: string;
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface DeploymentRecord {
  repo: string;
  id: number;
  sha: string;
  ref: string;
  task: string;
  payload: Record<string, unknown>;
  originalEnvironment: string;
  environment: string;
  description: string | null;
  creator: string;
  createdAt: string;
  updatedAt: string;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  autoMerge: boolean;
  requiredContexts: string[] | undefined;
}

export interface DeploymentStatusRecord {
  repo: string;
  id: number;
  deploymentId: number;
  state: DeploymentState;
  creator: string;
  description: string;
  environment: string;
  logUrl: string;
  environmentUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface CheckRunRecord {
  repo: string;
  id: number;
  checkSuiteId: number;
  headSha: string;
  name: string;
  status: CheckRunStatus;
  conclusion: CheckRunConclusion | null;
  startedAt: string | null;
  completedAt: string | null;
  externalId: string;
  detailsUrl: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotationsCount: number };
}

/** A pull request review (`state` as GitHub sends it: `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`, `DISMISSED`). */
export interface ReviewRecord {
  repo: string;
  id: number;
  pullNumber: number;
  user: string;
  body: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  commitId: string;
  /** `null` while the review is pending. */
  submittedAt: string | null;
}

/** A reviewer's decision on a run waiting for a protected environment (`actions/runs/{id}/approvals`). */
export interface RunApprovalRecord {
  repo: string;
  runId: number;
  environments: string[];
  state: 'approved' | 'rejected' | 'pending';
  user: string;
  comment: string;
}

/** An environment a run is waiting on, with its required reviewers (`actions/runs/{id}/pending_deployments`). */
export interface PendingDeploymentRecord {
  repo: string;
  runId: number;
  environment: string;
  waitTimer: number;
  waitTimerStartedAt: string | null;
  /** Logins of required reviewers (users only). */
  reviewers: string[];
}

export interface TeamMembership {
  role: TeamRole;
  state: 'active' | 'pending';
}

/** Id sequences start far apart so a test that mixes up an issue number and a comment id gets a 404. */
const ID_BASES = {
  user: 1_000,
  repo: 500_000_000,
  label: 6_000_000_000,
  issue: 2_000_000_000,
  comment: 3_000_000_000,
  deployment: 1_500_000_000,
  deploymentStatus: 4_000_000_000,
  checkRun: 5_000_000_000,
  checkSuite: 7_000_000_000,
  review: 8_000_000_000,
  environment: 9_000_000_000,
} as const;

export type IdKind = keyof typeof ID_BASES;

/** All records of one emulator. Arrays keep insertion order; renderers sort as GitHub does. */
export class EmulatorState {
  readonly users = new Map<string, UserRecord>();
  readonly repos = new Map<string, RepoRecord>();
  readonly labels: LabelRecord[] = [];
  readonly issues: IssueRecord[] = [];
  readonly comments: CommentRecord[] = [];
  readonly deployments: DeploymentRecord[] = [];
  readonly deploymentStatuses: DeploymentStatusRecord[] = [];
  readonly checkRuns: CheckRunRecord[] = [];
  readonly reviews: ReviewRecord[] = [];
  readonly runApprovals: RunApprovalRecord[] = [];
  readonly pendingDeployments: PendingDeploymentRecord[] = [];
  /** `owner/repo` → login → role. */
  readonly collaborators = new Map<string, Map<string, Permission>>();
  /** `org/team-slug` → login → membership. */
  readonly teams = new Map<string, Map<string, TeamMembership>>();
  /** `owner/repo` → branch or tag → commit SHA, for deployments made from a ref name. */
  readonly refs = new Map<string, Map<string, string>>();
  private readonly counters = new Map<IdKind, number>();

  /** The next id of a kind of record. */
  nextId(kind: IdKind): number {
    const next = (this.counters.get(kind) ?? ID_BASES[kind]) + 1;
    this.counters.set(kind, next);
    return next;
  }

  /** The user with this login, created on first mention (logins ending in `[bot]` are bots). */
  user(login: string): UserRecord {
    let user = this.users.get(login);
    if (!user) {
      user = { login, id: this.nextId('user'), type: login.endsWith('[bot]') ? 'Bot' : 'User', name: null };
      this.users.set(login, user);
    }
    return user;
  }

  /** Adds a repository (idempotent) and returns it. */
  addRepo(owner: string, name: string): RepoRecord {
    const fullName = `${owner}/${name}`;
    let repo = this.repos.get(fullName);
    if (!repo) {
      repo = { owner, name, id: this.nextId('repo'), fullName };
      this.repos.set(fullName, repo);
    }
    return repo;
  }

  /** The newest status of a deployment (by creation time, then id), if it has any. */
  latestStatus(deploymentId: number): DeploymentStatusRecord | undefined {
    return newestFirst(this.deploymentStatuses.filter((s) => s.deploymentId === deploymentId))[0];
  }
}

/** Sorts records newest first: by `createdAt`, then by id (records created in the same second). */
export function newestFirst<T extends { createdAt: string; id: number }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => (a.createdAt === b.createdAt ? b.id - a.id : a.createdAt < b.createdAt ? 1 : -1));
}

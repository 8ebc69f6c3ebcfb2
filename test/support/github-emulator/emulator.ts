/**
 * `startGitHubEmulator`: a local GitHub REST API for tests, on 127.0.0.1 and a free port. Point
 * `GITHUB_API_URL` (or Octokit's `baseUrl`) at `emulator.url`. Every response is checked against GitHub's
 * OpenAPI description; `close()` fails when one did not match, so the test that caused it fails.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultQueue } from './faults.js';
import type { FaultRule, InjectedFault } from './faults.js';
import { SchemaViolationError } from './http-errors.js';
import { loadSpec } from './openapi-spec.js';
import { RateLimit } from './rate-limit.js';
import { accessRoutes } from './resources/access.js';
import { checkRunRoutes } from './resources/check-runs.js';
import { deploymentStatusRoutes } from './resources/deployment-statuses.js';
import { deploymentRoutes } from './resources/deployments.js';
import { issueCommentRoutes } from './resources/issue-comments.js';
import { issueRoutes } from './resources/issues.js';
import { metaRoutes } from './resources/meta.js';
import { reviewRoutes } from './resources/reviews.js';
import { runApprovalRoutes } from './resources/run-approvals.js';
import { Router } from './router.js';
import type { SchemaViolation } from './schema-validator.js';
import { seedComment, seedDeployment, seedIssue } from './seeding.js';
import type { SeedComment, SeedDeployment, SeedIssue } from './seeding.js';
import { requestListener } from './server.js';
import type { Pipeline, RecordedRequest } from './server.js';
import { EmulatorState } from './state.js';
import type {
  CommentRecord,
  DeploymentRecord,
  IssueRecord,
  PendingDeploymentRecord,
  Permission,
  RepoRecord,
  ReviewRecord,
  RunApprovalRecord,
  TeamMembership,
} from './state.js';
import type { RateLimitSnapshot } from './router.js';
import { isoTime } from './github-objects.js';

export interface GitHubEmulatorOptions {
  /** The token requests must carry (`Authorization: token …` or `Bearer …`). Default: a random `ghs_` token. */
  token?: string;
  /** The default repository's owner. Default `octo-org`. */
  owner?: string;
  /** The default repository's name. Default `shipgate-demo`. */
  repo?: string;
  /** The token's user. Default `github-actions[bot]`, what a workflow's `GITHUB_TOKEN` acts as. */
  login?: string;
  /** A path the API lives under, like GitHub Enterprise Server's `/api/v3`. Default none. */
  pathPrefix?: string;
  /** Web links in bodies. Default `https://github.com`. */
  htmlUrl?: string;
  /** The clock for timestamps and the rate-limit window. Default the system clock. */
  now?: () => Date;
  /** Requests per hour before the primary rate limit answers 403. Default 5000. */
  rateLimit?: number;
}

const routes = [
  ...issueRoutes(),
  ...issueCommentRoutes(),
  ...accessRoutes(),
  ...deploymentRoutes(),
  ...deploymentStatusRoutes(),
  ...checkRunRoutes(),
  ...metaRoutes(),
  ...reviewRoutes(),
  ...runApprovalRoutes(),
];

/** A running emulator. Read `state`, `requests` and `schemaViolations`; seed with the `add…`/`seed…` methods. */
export class GitHubEmulator {
  /** The records behind the responses; tests may read and change them. */
  readonly state = new EmulatorState();
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Responses that did not match GitHub's OpenAPI description. */
  readonly schemaViolations: SchemaViolation[] = [];
  readonly token: string;
  readonly owner: string;
  readonly repo: string;
  readonly login: string;
  private readonly faults = new FaultQueue();
  private readonly pipeline: Pipeline;
  private readonly server: Server;
  private baseUrl = '';
  private closed = false;

  /** Use `startGitHubEmulator`. */
  constructor(options: GitHubEmulatorOptions = {}) {
    this.token = options.token ?? `ghs_${randomBytes(18).toString('hex')}`;
    this.owner = options.owner ?? 'octo-org';
    this.repo = options.repo ?? 'shipgate-demo';
    this.login = options.login ?? 'github-actions[bot]';
    const now = options.now ?? (() => new Date());
    const pathPrefix = (options.pathPrefix ?? '').replace(/\/$/, '');
    this.state.addRepo(this.owner, this.repo);
    this.state.user(this.login);
    this.pipeline = {
      router: new Router(routes),
      state: this.state,
      tokens: new Map([[this.token, this.login]]),
      faults: this.faults,
      rateLimit: new RateLimit(options.rateLimit ?? 5000, now),
      requests: this.requests,
      violations: this.schemaViolations,
      crashes: [],
      urls: () => ({ api: this.baseUrl, html: (options.htmlUrl ?? 'https://github.com').replace(/\/$/, '') }),
      pathPrefix,
      now,
    };
    this.server = createServer(requestListener(this.pipeline));
  }

  /** The base URL to use as `GITHUB_API_URL`, e.g. `http://127.0.0.1:40123`. */
  get url(): string {
    return this.baseUrl;
  }

  /** Starts listening; `startGitHubEmulator` calls it. */
  async listen(): Promise<this> {
    loadSpec(); // read the description now, not during the first request
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}${this.pipeline.pathPrefix}`;
    return this;
  }

  /** Makes the next matching request(s) fail, slow down, or answer with a changed body. */
  inject(rule: FaultRule): InjectedFault {
    return this.faults.add(rule);
  }

  /** Removes every injected fault. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** Adds another repository the API serves. */
  addRepository(owner: string, repo: string): RepoRecord {
    return this.state.addRepo(owner, repo);
  }

  /** Accepts another token, acting as `login` (e.g. a person approving through a comment). */
  addToken(token: string, login: string): void {
    this.pipeline.tokens.set(token, login);
    this.state.user(login);
  }

  /** Gives `login` a role on a repository (default: the default repository). */
  addCollaborator(login: string, permission: Permission, repo = this.defaultRepo()): void {
    this.state.user(login);
    const key = `${repo.owner}/${repo.name}`;
    const roles = this.state.collaborators.get(key) ?? new Map<string, Permission>();
    roles.set(login, permission);
    this.state.collaborators.set(key, roles);
  }

  /** Makes `login` a member of `org/team`. */
  addTeamMember(org: string, team: string, login: string, membership: Partial<TeamMembership> = {}): void {
    this.state.user(login);
    const members = this.state.teams.get(`${org}/${team}`) ?? new Map<string, TeamMembership>();
    members.set(login, { role: membership.role ?? 'member', state: membership.state ?? 'active' });
    this.state.teams.set(`${org}/${team}`, members);
  }

  /** Takes `login` out of `org/team` (a member removed while a gate waits). */
  removeTeamMember(org: string, team: string, login: string): void {
    this.state.teams.get(`${org}/${team}`)?.delete(login);
  }

  /** Takes away `login`'s role on a repository (default: the default repository). */
  removeCollaborator(login: string, repo = this.defaultRepo()): void {
    this.state.collaborators.get(`${repo.owner}/${repo.name}`)?.delete(login);
  }

  /** Records a pull request review on an existing issue number (submitted now unless `submittedAt` says). */
  seedReview(
    seed: Pick<ReviewRecord, 'pullNumber' | 'user' | 'state'> &
      Partial<Pick<ReviewRecord, 'body' | 'commitId' | 'submittedAt'>>,
    repo = this.defaultRepo(),
  ): ReviewRecord {
    this.state.user(seed.user);
    const review: ReviewRecord = {
      repo: repo.fullName,
      id: this.state.nextId('review'),
      body: '',
      commitId: '0'.repeat(40),
      submittedAt: seed.state === 'PENDING' ? null : isoTime(this.pipeline.now()),
      ...seed,
    };
    this.state.reviews.push(review);
    return review;
  }

  /** Records an environment reviewer's decision on a workflow run. */
  seedRunApproval(seed: Omit<RunApprovalRecord, 'repo'>, repo = this.defaultRepo()): RunApprovalRecord {
    this.state.user(seed.user);
    const approval = { repo: repo.fullName, ...seed };
    this.state.runApprovals.push(approval);
    return approval;
  }

  /** Makes a workflow run wait on an environment with required reviewers. */
  seedPendingDeployment(
    seed: Pick<PendingDeploymentRecord, 'runId' | 'environment' | 'reviewers'> & Partial<PendingDeploymentRecord>,
    repo = this.defaultRepo(),
  ): PendingDeploymentRecord {
    const pending = { repo: repo.fullName, waitTimer: 0, waitTimerStartedAt: null, ...seed };
    this.state.pendingDeployments.push(pending);
    return pending;
  }

  /** The primary rate-limit window now: `used` counts requests that cost (a 304 does not). */
  rateLimitUsage(): RateLimitSnapshot {
    return this.pipeline.rateLimit.snapshot();
  }

  /** Points a branch or tag at a commit, for deployments created from a ref name. */
  setRef(ref: string, sha: string, repo = this.defaultRepo()): void {
    const refs = this.state.refs.get(repo.fullName) ?? new Map<string, string>();
    refs.set(ref, sha);
    this.state.refs.set(repo.fullName, refs);
  }

  /** Records a past deployment with its statuses (created by the token's user unless `creator` says otherwise). */
  seedDeployment(seed: SeedDeployment, repo = this.defaultRepo()): DeploymentRecord {
    return seedDeployment(this.state, repo, seed, this.login, this.pipeline.now());
  }

  /** Records an issue. */
  seedIssue(seed: SeedIssue, repo = this.defaultRepo()): IssueRecord {
    return seedIssue(this.state, repo, seed, this.login, this.pipeline.now());
  }

  /** Records a comment on an existing issue. */
  seedComment(seed: SeedComment, repo = this.defaultRepo()): CommentRecord {
    return seedComment(this.state, repo, seed, this.pipeline.now());
  }

  /** Throws a `SchemaViolationError` when any response so far did not match GitHub's description. */
  assertNoSchemaViolations(): void {
    if (this.schemaViolations.length > 0) throw new SchemaViolationError(this.schemaViolations);
  }

  /** Stops the server, then throws if a response broke the schema or a handler crashed. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
      this.server.closeAllConnections();
      await stopped;
    }
    const [crash] = this.pipeline.crashes;
    if (crash)
      throw new Error(`The GitHub emulator crashed while handling a request: ${crash.stack ?? crash.message}`, {
        cause: crash,
      });
    this.assertNoSchemaViolations();
  }

  private defaultRepo(): RepoRecord {
    return this.state.addRepo(this.owner, this.repo);
  }
}

/** Starts an emulator on 127.0.0.1 and a free port. Call `close()` when done (it fails on schema violations). */
export async function startGitHubEmulator(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
  return new GitHubEmulator(options).listen();
}

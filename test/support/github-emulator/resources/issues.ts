/**
 * Issues and their labels: create, get, update (title, body, state, state_reason, labels, assignees), list
 * with filters, add and list labels.
 */
import { optionalEnum, optionalString, optionalStringArray, objectBody, requiredString } from '../body-params.js';
import type { Body } from '../body-params.js';
import {
  authorAssociation,
  appFor,
  isoTime,
  nodeId,
  renderLabel,
  renderLogin,
  renderReactions,
  repoApiUrl,
} from '../github-objects.js';
import { invalidRequest, notFound } from '../http-errors.js';
import { pageOf } from '../pagination.js';
import { intParam, repoRoute } from '../router.js';
import type { RepoRequestContext, Route } from '../router.js';
import type { EmulatorState, IssueRecord, IssueStateReason, LabelRecord, RepoRecord } from '../state.js';

const ISSUES = '/repos/{owner}/{repo}/issues';
const ISSUE = '/repos/{owner}/{repo}/issues/{issue_number}';
const LABELS = '/repos/{owner}/{repo}/issues/{issue_number}/labels';
const STATE_REASONS = ['completed', 'not_planned', 'reopened', 'duplicate', null] as const;

/** The label with this name in a repository (names compare case-insensitively), created when missing. */
export function labelRecord(state: EmulatorState, repo: RepoRecord, name: string): LabelRecord {
  const found = state.labels.find((l) => l.repo === repo.fullName && l.name.toLowerCase() === name.toLowerCase());
  if (found) return found;
  const label: LabelRecord = {
    repo: repo.fullName,
    id: state.nextId('label'),
    name,
    color: 'ededed',
    description: null,
    default: false,
  };
  state.labels.push(label);
  return label;
}

/** The issue with this number in a repository, or a 404. */
export function findIssue(state: EmulatorState, repo: RepoRecord, issueNumber: number): IssueRecord {
  const issue = state.issues.find((i) => i.repo === repo.fullName && i.number === issueNumber);
  if (!issue) throw notFound();
  return issue;
}

/** The number the next issue (or pull request) of a repository gets. */
export function nextIssueNumber(state: EmulatorState, repo: RepoRecord): number {
  return 1 + Math.max(0, ...state.issues.filter((i) => i.repo === repo.fullName).map((i) => i.number));
}

/** An `issue` object. */
export function renderIssue(ctx: RepoRequestContext, issue: IssueRecord): Record<string, unknown> {
  const { repo, state, urls } = ctx;
  const url = `${repoApiUrl(urls, repo)}/issues/${issue.number}`;
  const assignees = issue.assignees.map((login) => renderLogin(urls, state, login));
  return {
    url,
    repository_url: repoApiUrl(urls, repo),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${urls.html}/${repo.fullName}/issues/${issue.number}`,
    id: issue.id,
    node_id: nodeId('Issue', issue.id),
    number: issue.number,
    title: issue.title,
    user: renderLogin(urls, state, issue.user),
    labels: issue.labels.map((name) => renderLabel(urls, repo, labelRecord(state, repo, name))),
    state: issue.state,
    locked: issue.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: state.comments.filter((c) => c.repo === repo.fullName && c.issueNumber === issue.number).length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: authorAssociation(state, repo, issue.user),
    type: null,
    active_lock_reason: null,
    sub_issues_summary: { total: 0, completed: 0, percent_completed: 0 },
    issue_dependencies_summary: { blocked_by: 0, blocking: 0, total_blocked_by: 0, total_blocking: 0 },
    body: issue.body,
    closed_by: issue.closedBy === null ? null : renderLogin(urls, state, issue.closedBy),
    reactions: renderReactions(url),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: appFor(urls, state, issue.user),
    state_reason: issue.stateReason,
  };
}

/** Label names from an add/set-labels body: `{labels: [...]}` or a bare array, of names or `{name}` objects. */
function labelNames(body: unknown): string[] {
  const list = Array.isArray(body) ? body : (body as Body | undefined)?.labels;
  if (!Array.isArray(list)) throw invalidRequest(`"labels" wasn't supplied.`);
  return list.map((item: unknown) => {
    if (typeof item === 'string') return item;
    const name = (item as { name?: unknown } | null)?.name;
    if (typeof name === 'string') return name;
    throw invalidRequest(`${JSON.stringify(item)} is not a label name.`);
  });
}

function addLabels(ctx: RepoRequestContext, issue: IssueRecord, names: readonly string[]): void {
  for (const name of names) {
    const label = labelRecord(ctx.state, ctx.repo, name);
    if (!issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) issue.labels.push(label.name);
  }
}

function applyStateChange(ctx: RepoRequestContext, issue: IssueRecord, body: Body, now: string): void {
  const newState = optionalEnum(body, 'state', ['open', 'closed'] as const);
  const reason = optionalEnum(body, 'state_reason', STATE_REASONS);
  if (newState === 'closed' && issue.state === 'open') {
    Object.assign(issue, {
      state: 'closed',
      closedAt: now,
      closedBy: ctx.actor.login,
      stateReason: reason ?? 'completed',
    });
  } else if (newState === 'open' && issue.state === 'closed') {
    Object.assign(issue, { state: 'open', closedAt: null, closedBy: null, stateReason: reason ?? 'reopened' });
  } else if (reason !== undefined) {
    issue.stateReason = reason as IssueStateReason | null;
  }
}

/** Routes for issues and issue labels. */
export function issueRoutes(): Route[] {
  return [
    repoRoute('POST', ISSUES, (ctx) => {
      const body = objectBody(ctx);
      const title = requiredString(body, 'title');
      const now = isoTime(ctx.now());
      const issue: IssueRecord = {
        repo: ctx.repo.fullName,
        id: ctx.state.nextId('issue'),
        number: nextIssueNumber(ctx.state, ctx.repo),
        title,
        body: optionalString(body, 'body', { nullable: true }) ?? null,
        state: 'open',
        stateReason: null,
        labels: [],
        user: ctx.actor.login,
        assignees: optionalStringArray(body, 'assignees') ?? [],
        locked: false,
        createdAt: now,
        updatedAt: now,
        closedAt: null,
        closedBy: null,
      };
      if (body.labels !== undefined) addLabels(ctx, issue, labelNames(body));
      ctx.state.issues.push(issue);
      return { status: 201, body: renderIssue(ctx, issue) };
    }),
    repoRoute('GET', ISSUE, (ctx) => ({
      status: 200,
      body: renderIssue(ctx, findIssue(ctx.state, ctx.repo, intParam(ctx, 'issue_number'))),
    })),
    repoRoute('PATCH', ISSUE, (ctx) => {
      const issue = findIssue(ctx.state, ctx.repo, intParam(ctx, 'issue_number'));
      const body = objectBody(ctx);
      const now = isoTime(ctx.now());
      const title = optionalString(body, 'title');
      const text = optionalString(body, 'body', { nullable: true });
      const assignees = optionalStringArray(body, 'assignees');
      applyStateChange(ctx, issue, body, now);
      if (title !== undefined) issue.title = title;
      if (text !== undefined) issue.body = text;
      if (assignees !== undefined) issue.assignees = assignees;
      if (body.labels !== undefined) {
        issue.labels = [];
        addLabels(ctx, issue, labelNames(body));
      }
      issue.updatedAt = now;
      return { status: 200, body: renderIssue(ctx, issue) };
    }),
    repoRoute('GET', ISSUES, (ctx) => {
      const q = ctx.query;
      const state = q.get('state') ?? 'open';
      const labels = (q.get('labels') ?? '')
        .split(',')
        .map((l) => l.trim().toLowerCase())
        .filter(Boolean);
      const since = q.get('since');
      const sortKey = q.get('sort') === 'updated' ? 'updatedAt' : 'createdAt';
      const ascending = q.get('direction') === 'asc';
      const issues = ctx.state.issues
        .filter((i) => i.repo === ctx.repo.fullName && (state === 'all' || i.state === state))
        .filter((i) => labels.every((l) => i.labels.some((name) => name.toLowerCase() === l)))
        .filter((i) => !q.get('creator') || i.user === q.get('creator'))
        .filter((i) => !since || Date.parse(i.updatedAt) >= Date.parse(since))
        .sort((a, b) => (a[sortKey] === b[sortKey] ? a.id - b.id : a[sortKey] < b[sortKey] ? -1 : 1));
      if (!ascending) issues.reverse();
      return pageOf(ctx, issues, (i) => renderIssue(ctx, i));
    }),
    repoRoute('POST', LABELS, (ctx) => {
      const issue = findIssue(ctx.state, ctx.repo, intParam(ctx, 'issue_number'));
      addLabels(ctx, issue, labelNames(ctx.body));
      issue.updatedAt = isoTime(ctx.now());
      return {
        status: 200,
        body: issue.labels.map((name) => renderLabel(ctx.urls, ctx.repo, labelRecord(ctx.state, ctx.repo, name))),
      };
    }),
    repoRoute('GET', LABELS, (ctx) => {
      const issue = findIssue(ctx.state, ctx.repo, intParam(ctx, 'issue_number'));
      return pageOf(ctx, issue.labels, (name) =>
        renderLabel(ctx.urls, ctx.repo, labelRecord(ctx.state, ctx.repo, name)),
      );
    }),
  ];
}

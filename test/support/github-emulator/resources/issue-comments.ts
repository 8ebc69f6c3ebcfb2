/**
 * Issue comments: list (oldest first, `since` on `updated_at`, paginated), create, get, update, delete.
 */
import { objectBody, requiredString } from '../body-params.js';
import {
  appFor,
  authorAssociation,
  isoTime,
  nodeId,
  renderLogin,
  renderReactions,
  repoApiUrl,
} from '../github-objects.js';
import { invalidRequest, notFound } from '../http-errors.js';
import { pageOf } from '../pagination.js';
import { intParam, repoRoute } from '../router.js';
import type { RepoRequestContext, Route } from '../router.js';
import type { CommentRecord } from '../state.js';
import { findIssue } from './issues.js';

const COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments';
const COMMENT = '/repos/{owner}/{repo}/issues/comments/{comment_id}';

/** An `issue-comment` object. */
export function renderComment(ctx: RepoRequestContext, comment: CommentRecord): Record<string, unknown> {
  const { repo, state, urls } = ctx;
  const url = `${repoApiUrl(urls, repo)}/issues/comments/${comment.id}`;
  return {
    url,
    html_url: `${urls.html}/${repo.fullName}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${repoApiUrl(urls, repo)}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    user: renderLogin(urls, state, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: authorAssociation(state, repo, comment.user),
    body: comment.body,
    reactions: renderReactions(url),
    performed_via_github_app: appFor(urls, state, comment.user),
  };
}

function findComment(ctx: RepoRequestContext): CommentRecord {
  const id = intParam(ctx, 'comment_id');
  const comment = ctx.state.comments.find((c) => c.repo === ctx.repo.fullName && c.id === id);
  if (!comment) throw notFound();
  return comment;
}

/** Routes for issue comments. */
export function issueCommentRoutes(): Route[] {
  return [
    repoRoute('GET', COMMENTS, (ctx) => {
      const issue = findIssue(ctx.state, ctx.repo, intParam(ctx, 'issue_number'));
      const sinceText = ctx.query.get('since');
      const since = sinceText === null ? undefined : Date.parse(sinceText);
      if (since !== undefined && Number.isNaN(since))
        throw invalidRequest(`"since" must be an ISO 8601 timestamp, got ${JSON.stringify(sinceText)}.`);
      // GitHub's `since` keeps comments updated at or after the given time.
      const comments = ctx.state.comments
        .filter((c) => c.repo === ctx.repo.fullName && c.issueNumber === issue.number)
        .filter((c) => since === undefined || Date.parse(c.updatedAt) >= since)
        .sort((a, b) => (a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1));
      return pageOf(ctx, comments, (c) => renderComment(ctx, c));
    }),
    repoRoute('POST', COMMENTS, (ctx) => {
      const issue = findIssue(ctx.state, ctx.repo, intParam(ctx, 'issue_number'));
      const body = requiredString(objectBody(ctx), 'body');
      const now = isoTime(ctx.now());
      const comment: CommentRecord = {
        repo: ctx.repo.fullName,
        id: ctx.state.nextId('comment'),
        issueNumber: issue.number,
        body,
        user: ctx.actor.login,
        createdAt: now,
        updatedAt: now,
      };
      ctx.state.comments.push(comment);
      issue.updatedAt = now;
      return { status: 201, body: renderComment(ctx, comment) };
    }),
    repoRoute('GET', COMMENT, (ctx) => ({ status: 200, body: renderComment(ctx, findComment(ctx)) })),
    repoRoute('PATCH', COMMENT, (ctx) => {
      const comment = findComment(ctx);
      comment.body = requiredString(objectBody(ctx), 'body');
      comment.updatedAt = isoTime(ctx.now());
      return { status: 200, body: renderComment(ctx, comment) };
    }),
    repoRoute('DELETE', COMMENT, (ctx) => {
      const comment = findComment(ctx);
      ctx.state.comments.splice(ctx.state.comments.indexOf(comment), 1);
      return { status: 204 };
    }),
  ];
}

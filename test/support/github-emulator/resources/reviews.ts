/**
 * Pull request reviews: list (oldest first, paginated) and create. A pull request is an issue with the same
 * number here (seed one with `seedIssue`); the emulator keeps no other pull request record.
 */
import { objectBody } from '../body-params.js';
import { authorAssociation, isoTime, nodeId, renderLogin, repoApiUrl } from '../github-objects.js';
import { invalidRequest } from '../http-errors.js';
import { pageOf } from '../pagination.js';
import { intParam, repoRoute } from '../router.js';
import type { RepoRequestContext, Route } from '../router.js';
import type { ReviewRecord } from '../state.js';
import { findIssue } from './issues.js';

const REVIEWS = '/repos/{owner}/{repo}/pulls/{pull_number}/reviews';
const EVENTS: Record<string, ReviewRecord['state']> = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
};

/** A `pull-request-review` object. */
export function renderReview(ctx: RepoRequestContext, review: ReviewRecord): Record<string, unknown> {
  const { repo, state, urls } = ctx;
  const html = `${urls.html}/${repo.fullName}/pull/${review.pullNumber}#pullrequestreview-${review.id}`;
  const pullUrl = `${repoApiUrl(urls, repo)}/pulls/${review.pullNumber}`;
  return {
    id: review.id,
    node_id: nodeId('PullRequestReview', review.id),
    user: renderLogin(urls, state, review.user),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    ...(review.submittedAt === null ? {} : { submitted_at: review.submittedAt }),
    commit_id: review.commitId,
    author_association: authorAssociation(state, repo, review.user),
  };
}

/** Routes for pull request reviews. */
export function reviewRoutes(): Route[] {
  return [
    repoRoute('GET', REVIEWS, (ctx) => {
      const number = findIssue(ctx.state, ctx.repo, intParam(ctx, 'pull_number')).number;
      const reviews = ctx.state.reviews
        .filter((r) => r.repo === ctx.repo.fullName && r.pullNumber === number)
        .sort((a, b) => a.id - b.id);
      return pageOf(ctx, reviews, (r) => renderReview(ctx, r));
    }),
    repoRoute('POST', REVIEWS, (ctx) => {
      const number = findIssue(ctx.state, ctx.repo, intParam(ctx, 'pull_number')).number;
      const body = objectBody(ctx);
      const event = typeof body.event === 'string' ? body.event : undefined;
      const reviewState = event === undefined ? 'PENDING' : EVENTS[event];
      if (!reviewState) throw invalidRequest(`"event" must be one of APPROVE, REQUEST_CHANGES, COMMENT.`);
      const text = typeof body.body === 'string' ? body.body : '';
      if ((reviewState === 'CHANGES_REQUESTED' || reviewState === 'COMMENTED') && text === '')
        throw invalidRequest(`"body" is required for a ${event} review.`);
      const review: ReviewRecord = {
        repo: ctx.repo.fullName,
        id: ctx.state.nextId('review'),
        pullNumber: number,
        user: ctx.actor.login,
        body: text,
        state: reviewState,
        commitId: typeof body.commit_id === 'string' ? body.commit_id : '0'.repeat(40),
        submittedAt: reviewState === 'PENDING' ? null : isoTime(ctx.now()),
      };
      ctx.state.reviews.push(review);
      return { status: 200, body: renderReview(ctx, review) };
    }),
  ];
}

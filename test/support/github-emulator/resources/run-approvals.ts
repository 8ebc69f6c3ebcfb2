/**
 * GitHub Environments' own reviews of a workflow run: who approved or rejected which environments
 * (`approvals`), and what the run still waits for (`pending_deployments`). Read-only: approval-gate only observes.
 */
import { renderLogin, repoApiUrl } from '../github-objects.js';
import { intParam, repoRoute } from '../router.js';
import type { RepoRequestContext, Route } from '../router.js';
import { stableId } from './access.js';

function renderEnvironment(ctx: RepoRequestContext, name: string): Record<string, unknown> {
  const id = stableId(`${ctx.repo.fullName}/${name}`);
  return {
    id,
    node_id: Buffer.from(`011:Environment${id}`).toString('base64'),
    name,
    url: `${repoApiUrl(ctx.urls, ctx.repo)}/environments/${encodeURIComponent(name)}`,
    html_url: `${ctx.urls.html}/${ctx.repo.fullName}/deployments/activity_log?environments_filter=${encodeURIComponent(name)}`,
  };
}

/** Routes for a run's environment approvals. */
export function runApprovalRoutes(): Route[] {
  return [
    repoRoute('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/approvals', (ctx) => {
      const runId = intParam(ctx, 'run_id');
      const approvals = ctx.state.runApprovals.filter((a) => a.repo === ctx.repo.fullName && a.runId === runId);
      return {
        status: 200,
        body: approvals.map((a) => ({
          environments: a.environments.map((name) => renderEnvironment(ctx, name)),
          state: a.state,
          user: renderLogin(ctx.urls, ctx.state, a.user),
          comment: a.comment,
        })),
      };
    }),
    repoRoute('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments', (ctx) => {
      const runId = intParam(ctx, 'run_id');
      const pending = ctx.state.pendingDeployments.filter((p) => p.repo === ctx.repo.fullName && p.runId === runId);
      return {
        status: 200,
        body: pending.map((p) => ({
          environment: renderEnvironment(ctx, p.environment),
          wait_timer: p.waitTimer,
          wait_timer_started_at: p.waitTimerStartedAt,
          current_user_can_approve: p.reviewers.includes(ctx.actor.login),
          reviewers: p.reviewers.map((login) => ({ type: 'User', reviewer: renderLogin(ctx.urls, ctx.state, login) })),
        })),
      };
    }),
  ];
}

/**
 * Check runs: create, update, get. A run's suite is shared by the runs on the same commit.
 */
import { objectBody, optionalEnum, optionalString, requiredString } from '../body-params.js';
import type { Body } from '../body-params.js';
import { isoTime, nodeId, renderActionsApp, repoApiUrl } from '../github-objects.js';
import { invalidRequest, notFound } from '../http-errors.js';
import { intParam, repoRoute } from '../router.js';
import type { RepoRequestContext, Route } from '../router.js';
import type { CheckRunConclusion, CheckRunRecord } from '../state.js';

const STATUSES = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'] as const;
const CONCLUSIONS = [
  'action_required',
  'cancelled',
  'failure',
  'neutral',
  'success',
  'skipped',
  'stale',
  'timed_out',
] as const;

/** A `check-run` object. */
export function renderCheckRun(ctx: RepoRequestContext, run: CheckRunRecord): Record<string, unknown> {
  const url = `${repoApiUrl(ctx.urls, ctx.repo)}/check-runs/${run.id}`;
  const htmlUrl = `${ctx.urls.html}/${ctx.repo.fullName}/runs/${run.id}`;
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('CheckRun', run.id),
    head_sha: run.headSha,
    external_id: run.externalId,
    url,
    html_url: htmlUrl,
    details_url: run.detailsUrl ?? htmlUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.output.annotationsCount,
      annotations_url: `${url}/annotations`,
    },
    check_suite: { id: run.checkSuiteId },
    app: renderActionsApp(ctx.urls),
    pull_requests: [],
  };
}

/** Applies the fields create and update share, with GitHub's rule that a conclusion completes the run. */
function applyFields(run: CheckRunRecord, body: Body, now: string): void {
  const status = optionalEnum(body, 'status', STATUSES);
  const conclusion = optionalEnum(body, 'conclusion', CONCLUSIONS);
  const name = optionalString(body, 'name');
  const detailsUrl = optionalString(body, 'details_url');
  const externalId = optionalString(body, 'external_id');
  const startedAt = optionalString(body, 'started_at');
  const completedAt = optionalString(body, 'completed_at');
  if (name !== undefined) run.name = name;
  if (detailsUrl !== undefined) run.detailsUrl = detailsUrl;
  if (externalId !== undefined) run.externalId = externalId;
  if (startedAt !== undefined) run.startedAt = startedAt;
  if (status !== undefined) run.status = status;
  if (conclusion !== undefined) {
    run.conclusion = conclusion === 'stale' ? 'neutral' : (conclusion as CheckRunConclusion);
    run.status = 'completed';
  }
  if (completedAt !== undefined) run.completedAt = completedAt;
  if (run.status === 'completed') {
    if (run.conclusion === null)
      throw invalidRequest('"conclusion" wasn\'t supplied: a completed check run needs a conclusion.');
    run.completedAt ??= now;
  }
  const output = body.output as Body | undefined;
  if (output !== undefined) {
    if (output === null || typeof output !== 'object')
      throw invalidRequest(`For 'properties/output', ${JSON.stringify(output)} is not an object.`);
    run.output.title = requiredString(output, 'title');
    run.output.summary = requiredString(output, 'summary');
    run.output.text = optionalString(output, 'text') ?? run.output.text;
    if (Array.isArray(output.annotations)) run.output.annotationsCount += output.annotations.length;
  }
}

function findRun(ctx: RepoRequestContext): CheckRunRecord {
  const id = intParam(ctx, 'check_run_id');
  const run = ctx.state.checkRuns.find((r) => r.repo === ctx.repo.fullName && r.id === id);
  if (!run) throw notFound();
  return run;
}

/** Routes for check runs. */
export function checkRunRoutes(): Route[] {
  return [
    repoRoute('POST', '/repos/{owner}/{repo}/check-runs', (ctx) => {
      const body = objectBody(ctx);
      const headSha = requiredString(body, 'head_sha');
      const now = isoTime(ctx.now());
      const sibling = ctx.state.checkRuns.find((r) => r.repo === ctx.repo.fullName && r.headSha === headSha);
      const run: CheckRunRecord = {
        repo: ctx.repo.fullName,
        id: ctx.state.nextId('checkRun'),
        checkSuiteId: sibling?.checkSuiteId ?? ctx.state.nextId('checkSuite'),
        headSha,
        name: requiredString(body, 'name'),
        status: 'queued',
        conclusion: null,
        startedAt: now,
        completedAt: null,
        externalId: '',
        detailsUrl: null,
        output: { title: null, summary: null, text: null, annotationsCount: 0 },
      };
      applyFields(run, body, now);
      ctx.state.checkRuns.push(run);
      return { status: 201, body: renderCheckRun(ctx, run) };
    }),
    repoRoute('PATCH', '/repos/{owner}/{repo}/check-runs/{check_run_id}', (ctx) => {
      const run = findRun(ctx);
      const draft: CheckRunRecord = { ...run, output: { ...run.output } };
      applyFields(draft, objectBody(ctx), isoTime(ctx.now()));
      Object.assign(run, draft);
      return { status: 200, body: renderCheckRun(ctx, run) };
    }),
    repoRoute('GET', '/repos/{owner}/{repo}/check-runs/{check_run_id}', (ctx) => ({
      status: 200,
      body: renderCheckRun(ctx, findRun(ctx)),
    })),
  ];
}

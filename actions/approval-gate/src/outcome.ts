import { APPROVAL_RECORD_SCHEMA, type ApprovalRecord, type ApprovalResult } from '@shipgate/history';
import type { ActionContext, ActionOutcome } from '@shipgate/kit';
import type { RuleResult, Tally, Vote } from '@shipgate/policy';
import type { ACTION } from './inputs.js';

export type GateResult = ApprovalResult;

/** The decision record: each rule's result and reason, who approved, and where. */
export interface GateOutcome {
  result: GateResult;
  /** True when the deployment may go ahead. */
  proceed: boolean;
  reason: string;
  rules: RuleResult[];
  approvals: Vote[];
  request: { number: number; url: string } | undefined;
  /** The tally's items, each counted or not with why. */
  tally: Tally | undefined;
  breakGlass: { source: string; reason: string; followUpUrl: string | undefined } | undefined;
  /** Requests counted against the rate limit while waiting. */
  countedRequests: number | undefined;
  /** What is being decided: this run's commit and version, or those an earlier pending request recorded. */
  subject: { sha: string; version: string | undefined };
}

const TITLE: Record<GateResult, string> = {
  approved: '✅ Deployment approved',
  denied: '⛔ Deployment denied',
  'timed-out': '⌛ Approval timed out',
  'blocked-by-window': '🕒 Blocked by the deploy window',
  'blocked-by-promotion': '🪜 Blocked by promotion order',
  pending: '⏳ Approval pending',
};

/**
 * The decision record, as the `decision` output carries it to the step that makes the deployment (canary-deploy's
 * `approval` input puts it into the Deployment payload).
 */
export function decisionRecord(outcome: GateOutcome, decidedAt: Date, runUrl: string | undefined): ApprovalRecord {
  return {
    schema: APPROVAL_RECORD_SCHEMA,
    result: outcome.result,
    reason: outcome.reason,
    decidedAt: decidedAt.toISOString(),
    rules: outcome.rules.map(({ rule, status, reason }) => ({ rule, status, reason })),
    approvers: outcome.approvals.map(({ login, at, url }) => ({ login, at, url })),
    requestUrl: outcome.request?.url,
    runUrl,
    breakGlass: outcome.breakGlass,
  };
}

/** Outputs, summary and report from the one outcome; used on every path. */
export function finishOutcome(context: ActionContext<typeof ACTION.inputs>, outcome: GateOutcome): ActionOutcome {
  const decision = decisionRecord(outcome, context.now(), context.runner.runUrl);
  context.setOutput('result', outcome.result);
  context.setOutput('decision', JSON.stringify(decision));
  context.setOutput('approvers', JSON.stringify(outcome.approvals));
  context.setOutput('request-url', outcome.request?.url ?? '');
  context.setOutput('request-number', outcome.request?.number ?? '');
  context.setOutput('reason', outcome.reason);
  context.setOutput('sha', outcome.subject.sha);
  context.setOutput('version', outcome.subject.version ?? '');
  const summary = context.summary.heading(TITLE[outcome.result]).text(outcome.reason);
  summary.table(
    ['Rule', 'Result', 'Reason'],
    outcome.rules.map((r) => [r.rule, r.status, r.reason]),
  );
  if (outcome.approvals.length > 0)
    summary.table(
      ['Approved by', 'At', 'Where'],
      outcome.approvals.map((a) => [a.login, a.at, a.url]),
    );
  const items = outcome.tally?.items ?? [];
  if (items.length > 0)
    summary.details(
      `Comments and reviews read (${items.length})`,
      items
        .map((i) => `- ${i.counted ? 'counted' : 'not counted'}: ${i.author}, ${i.verdict ?? 'no vote'} — ${i.reason}`)
        .join('\n'),
    );
  if (outcome.request) summary.text(`Request: ${outcome.request.url}`);
  if (outcome.breakGlass)
    summary.text(
      `Break-glass (${outcome.breakGlass.source}): ${outcome.breakGlass.reason}${outcome.breakGlass.followUpUrl ? `. Follow-up: ${outcome.breakGlass.followUpUrl}` : ''}`,
    );
  summary.details(
    'Decision record (the decision output; pass it to canary-deploy as approval to keep it in the Deployment)',
    summary
      .section()
      .code(JSON.stringify(decision, null, 2), 'json')
      .toMarkdown(),
  );
  context.writeReport({ ...outcome, decision });
  context.info(outcome.reason);
  if (outcome.proceed || outcome.result === 'pending') return { status: 'success' };
  return { status: 'failure', message: outcome.reason };
}

/** Marks the outcome pending: the request stands, a later run decides. */
export function markPending(outcome: GateOutcome, reason: string): void {
  outcome.rules.push({ rule: 'approval', status: 'pending', reason });
  Object.assign(outcome, { result: 'pending', proceed: false, reason });
}

import { ShipgateError } from '@shipgate/kit';
import { tallyApprovals } from '@shipgate/policy';
import type { Context, Ports } from './ask-people.js';
import { expandApprovers, GitHubApprovalChannel } from './github-channel.js';
import { markPending, type GateOutcome } from './outcome.js';
import type { GateSettings } from './settings.js';
import { approvalRequest } from './tally-request.js';

/**
 * GitHub Environments' own reviewers: the run's approvals are read once (no runner waits for them) and counted
 * by the same rules as comments. The API gives no time for a review, so the time of reading stands in.
 */
export async function observeEnvironment(context: Context, settings: GateSettings, ports: Ports, outcome: GateOutcome) {
  const runId = Number(context.runner.runId);
  if (!Number.isSafeInteger(runId) || runId <= 0)
    throw new ShipgateError(
      "channel: environment reads the run's Environments reviews, but GITHUB_RUN_ID is not set.",
      {
        hint: 'Use channel: environment inside a GitHub workflow run.',
      },
    );
  const { client, repo, clock } = ports;
  const probe = new GitHubApprovalChannel(client, repo, 0, { since: '', reviews: false, approvers: [], groups: [] });
  const expanded = await expandApprovers(probe, settings.approvers, settings.groups);
  const { data } = await client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals', {
    ...repo,
    run_id: runId,
  });
  const now = clock.now();
  const signals = data
    .filter((a) => !context.environment || a.environments.some((e) => e.name === context.environment))
    .filter((a) => a.state !== 'pending')
    .map((a, index) => ({
      id: `environment review ${index + 1}`,
      kind: 'review' as const,
      author: a.user.login,
      authorIsBot: a.user.type === 'Bot',
      createdAt: now,
      updatedAt: undefined,
      body: a.comment,
      reviewState: a.state === 'approved' ? 'APPROVED' : 'CHANGES_REQUESTED',
      url: context.runner.runUrl ?? '',
    }));
  const request = approvalRequest(settings, expanded, context.runner.actor ?? '', settings.event.commitAuthor, 0);
  const writers = new Set<string>();
  for (const login of new Set(signals.map((s) => s.author))) if (await probe.canWrite(login)) writers.add(login);
  const tally = tallyApprovals(request, signals, writers);
  outcome.tally = tally;
  if (tally.decision === 'pending')
    return markPending(
      outcome,
      `No decision in this run's Environments reviews${context.environment ? ` for ${context.environment}` : ''}. ${tally.reason}`,
    );
  outcome.rules.push({
    rule: 'approval',
    status: tally.decision === 'approved' ? 'passed' : 'blocked',
    reason: tally.reason,
  });
  Object.assign(outcome, {
    result: tally.decision,
    proceed: tally.decision === 'approved',
    reason: tally.reason,
    approvals: tally.approvals,
  });
}

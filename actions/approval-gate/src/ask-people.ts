import type { ActionContext, Clock } from '@shipgate/kit';
import { tokenIdentity, type GitHubClient } from '@shipgate/github';
import {
  approvalProblems,
  awaitApproval,
  countVotes,
  eligibleApprovers,
  type RuleResult,
  type Tally,
} from '@shipgate/policy';
import { ShipgateError } from '@shipgate/kit';
import { observeEnvironment } from './environment-reviews.js';
import { expandApprovers, GitHubApprovalChannel } from './github-channel.js';
import type { ACTION } from './inputs.js';
import { markPending, type GateOutcome } from './outcome.js';
import { loadRequest, postRequest, settleRequest, type PostedRequest } from './request.js';
import { closingNote } from './request-text.js';
import type { GateSettings } from './settings.js';
import { approvalRequest } from './tally-request.js';
import { State } from './state.js';

export type Context = ActionContext<typeof ACTION.inputs>;
export interface Ports {
  client: GitHubClient;
  repo: { owner: string; repo: string };
  clock: Clock;
}

/**
 * The request an earlier run in pending mode posted (input request), read before any rule runs: the rules judge
 * the commit and version it asked for. Only a request this workflow's own identity opened is believed (anyone can
 * open an issue with a marker in it), and only for the environment this run is for.
 */
export async function loadEarlierRequest(
  context: Context,
  settings: GateSettings,
  client: GitHubClient,
  repo: Ports['repo'],
): Promise<PostedRequest | undefined> {
  if (settings.request === undefined) return undefined;
  const request = await loadRequest(client, repo, settings.request, await tokenIdentity(client));
  // A request without an environment is not one this gate wrote (it always records it): refused like a mismatch.
  if (request.environment !== context.environment)
    throw new ShipgateError(
      `Input 'request' names #${request.number}, a request for environment '${request.environment ?? '(none)'}', but this run is for '${context.environment ?? '(none)'}'.`,
      { hint: 'Resume a request with the environment it was posted for.' },
    );
  return request;
}

/** The human-approval rule: post (or load) the request, wait or leave it pending, settle it with the outcome. */
export async function askPeople(
  context: Context,
  settings: GateSettings,
  ports: Ports,
  outcome: GateOutcome,
  existing: PostedRequest | undefined,
): Promise<void> {
  if (settings.approvers.length === 0 && settings.groups.length === 0) {
    outcome.rules.push({
      rule: 'approval',
      status: 'skipped',
      reason: 'No approvers are set, so no approval was asked for.',
    });
    outcome.reason = outcome.rules.map((r) => r.reason).join(' ');
    return;
  }
  const { client, repo, clock } = ports;
  if (settings.channel === 'environment') return observeEnvironment(context, settings, ports, outcome);
  const probe = new GitHubApprovalChannel(client, repo, 0, { since: '', reviews: false, approvers: [], groups: [] });
  const expanded = await expandApprovers(probe, settings.approvers, settings.groups);
  // A later run (pending mode) is started by whoever commented: the request itself says who started the first.
  const actor = existing?.actor ?? context.runner.actor ?? '';
  const commitAuthor = existing ? existing.commitAuthor : settings.event.commitAuthor;
  const problems = approvalProblems(approvalRequest(settings, expanded, actor, commitAuthor, 0));
  if (problems.length > 0)
    throw new ShipgateError(`Nobody can approve this request: ${problems.join('; ')}.`, {
      hint: 'Add approvers (or teams), lower minimum-approvals, or set allow-self-approval.',
    });
  await checkExplicitApprovers(probe, settings);

  const pullNumber = settings.channel === 'pull-request' ? settings.event.pullNumber : undefined;
  const request = existing ?? (await postRequest(client, repo, facts(context, settings, actor), pullNumber));
  context.saveState(State.RequestNumber, String(request.number));
  context.saveState(State.RequestKind, request.kind);
  outcome.request = { number: request.number, url: request.url };
  const approval = approvalRequest(
    settings,
    expanded,
    request.actor,
    request.commitAuthor,
    Date.parse(request.createdAt),
  );
  const channel = new GitHubApprovalChannel(client, repo, request.number, {
    since: request.createdAt,
    reviews: request.kind === 'pull-request',
    approvers: settings.approvers,
    groups: settings.groups,
  });
  const deadline = Date.parse(request.createdAt) + settings.timeoutMs;

  if (settings.mode === 'pending' && settings.request === undefined) {
    context.saveState(State.Settled, 'true');
    return markPending(
      outcome,
      `The request is posted: ${request.url}. A later run with request: ${request.number} decides it.`,
    );
  }
  let decided: {
    outcome: 'approved' | 'denied' | 'timed-out' | 'cancelled';
    proceed: boolean;
    tally: Tally;
    reason: string;
  };
  if (settings.request !== undefined) {
    const tally = await countVotes(approval, channel, (await channel.readVotes()) ?? []);
    if (tally.decision === 'pending' && clock.now() < deadline) {
      context.saveState(State.Settled, 'true');
      outcome.tally = tally;
      return markPending(outcome, tally.reason);
    }
    decided =
      tally.decision === 'pending'
        ? {
            outcome: 'timed-out',
            proceed: settings.onTimeout === 'approve',
            tally,
            reason: `No decision within the timeout (on-timeout is ${settings.onTimeout}). ${tally.reason}`,
          }
        : { outcome: tally.decision, proceed: tally.decision === 'approved', tally, reason: tally.reason };
  } else {
    decided = await awaitApproval(approval, channel, clock, {
      timeoutMs: Math.max(0, deadline - clock.now()),
      intervalMs: settings.pollIntervalMs,
      onTimeout: settings.onTimeout,
    });
  }
  outcome.countedRequests = channel.counted;
  await settle(context, ports, request, decided, outcome);
}

async function settle(
  context: Context,
  { client, repo }: Ports,
  request: PostedRequest,
  decided: { outcome: string; proceed: boolean; tally: Tally; reason: string },
  outcome: GateOutcome,
): Promise<void> {
  const rule: RuleResult = { rule: 'approval', status: decided.proceed ? 'passed' : 'blocked', reason: decided.reason };
  outcome.rules.push(rule);
  outcome.tally = decided.tally;
  outcome.approvals = decided.tally.approvals;
  outcome.result = decided.outcome === 'approved' ? 'approved' : decided.outcome === 'denied' ? 'denied' : 'timed-out';
  outcome.proceed = decided.proceed;
  outcome.reason = decided.reason;
  const title =
    { approved: 'Approved', denied: 'Denied', 'timed-out': 'Timed out', cancelled: 'Cancelled' }[decided.outcome] ??
    decided.outcome;
  await settleRequest(
    client,
    repo,
    request,
    closingNote(title, decided.reason, decided.tally, outcome.countedRequests),
    decided.proceed ? 'approved' : 'not-approved',
  );
  context.saveState(State.Settled, 'true');
}

/** Named approvers without write access are a configuration mistake: say who, instead of GitHub's opaque 422. */
async function checkExplicitApprovers(channel: GitHubApprovalChannel, settings: GateSettings): Promise<void> {
  const users = eligibleApprovers({
    approvers: settings.approvers.flatMap((a) => (a.kind === 'user' ? [a.login] : [])),
    groups: settings.groups.map((g) => ({
      name: g.name,
      minimum: g.minimum,
      members: g.members.flatMap((a) => (a.kind === 'user' ? [a.login] : [])),
    })),
  });
  const without: string[] = [];
  for (const login of users) if (!(await channel.canWrite(login))) without.push(login);
  if (without.length > 0)
    throw new ShipgateError(
      `These approvers have no write access to the repository, so they could not approve: ${without.join(', ')}.`,
      {
        hint: 'Give them write access, or remove them from approvers / approver-groups.',
      },
    );
}

function facts(context: Context, settings: GateSettings, actor: string) {
  return {
    environment: context.environment,
    version: settings.version,
    sha: context.runner.sha ?? '',
    actor,
    commitAuthor: settings.event.commitAuthor,
    runUrl: context.runner.runUrl,
    approvers: settings.approvers,
    groups: settings.groups,
    minimumApprovals: settings.minimumApprovals,
    allowSelfApproval: settings.allowSelfApproval,
    words: settings.words,
    timeoutMs: settings.timeoutMs,
    onTimeout: settings.onTimeout,
  };
}

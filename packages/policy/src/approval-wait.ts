import type { Clock } from '@shipgate/core';
import {
  tallyApprovals,
  type ApprovalRequest,
  type ApprovalSignal,
  type ApproverGroup,
  type Tally,
} from './approval-tally.js';

/**
 * Waiting for people over an approval-channel port (an issue, a pull request). The channel reads votes with
 * conditional requests, so a poll that finds nothing new costs nothing against the rate limit; membership and
 * write access are read again only when the votes would decide, so someone removed from a team, or who lost
 * write access, while the gate waited is not counted.
 */
export interface ApprovalChannel {
  /** The comments and reviews on the request, or `undefined` when nothing changed since the last read. */
  readVotes(): Promise<ApprovalSignal[] | undefined>;
  /** Approvers and groups as they are now (teams expanded again), and which of `voters` have write access now. */
  access(voters: readonly string[]): Promise<VoterAccess>;
}

/** Who may vote, read at the time of counting. */
export interface VoterAccess {
  approvers: string[];
  groups: ApproverGroup[];
  /** Logins among the voters asked about that have write access. */
  writers: Set<string>;
}

/** How long and how often to look. */
export interface WaitSettings {
  /** From the start of the wait; 0 reads once and decides. */
  timeoutMs: number;
  intervalMs: number;
  /** What a timeout means: the request text says it. */
  onTimeout: 'deny' | 'approve';
}

export type WaitOutcome = 'approved' | 'denied' | 'timed-out' | 'cancelled';

export interface WaitResult {
  outcome: WaitOutcome;
  /** True when the deployment may go ahead: approved, or timed out with `on-timeout: approve`. */
  proceed: boolean;
  tally: Tally;
  reason: string;
  /** Reads of the votes made. */
  polls: number;
}

/** Decides from the votes as they are now, reading access only for the people whose votes would decide. */
export async function countVotes(
  request: ApprovalRequest,
  channel: ApprovalChannel,
  signals: readonly ApprovalSignal[],
): Promise<Tally> {
  const voters = [...new Set(signals.map((s) => s.author))];
  // Optimistic first: if even full access for every voter decides nothing, there is nothing to look up.
  const hopeful = tallyApprovals(request, signals, new Set(voters));
  if (hopeful.decision === 'pending') return hopeful;
  const counted = [...new Set(hopeful.items.filter((i) => i.counted).map((i) => i.author))];
  const access = await channel.access(counted);
  return tallyApprovals({ ...request, approvers: access.approvers, groups: access.groups }, signals, access.writers);
}

/** Polls the channel until the votes decide, the timeout passes, or `signal` aborts. */
export async function awaitApproval(
  request: ApprovalRequest,
  channel: ApprovalChannel,
  clock: Clock,
  settings: WaitSettings,
  signal?: AbortSignal,
): Promise<WaitResult> {
  const deadline = clock.now() + settings.timeoutMs;
  let signals: ApprovalSignal[] = [];
  let polls = 0;
  let tally: Tally | undefined;
  for (;;) {
    const read = await channel.readVotes();
    polls += 1;
    if (read !== undefined || tally === undefined) {
      signals = read ?? signals;
      tally = await countVotes(request, channel, signals);
    }
    if (tally.decision !== 'pending')
      return { outcome: tally.decision, proceed: tally.decision === 'approved', tally, reason: tally.reason, polls };
    const left = deadline - clock.now();
    if (left <= 0) return timedOut(tally, settings, polls);
    await clock.sleep(Math.min(settings.intervalMs, left), signal);
    if (signal?.aborted)
      return { outcome: 'cancelled', proceed: false, tally, reason: `Cancelled while waiting. ${tally.reason}`, polls };
  }
}

function timedOut(tally: Tally, settings: WaitSettings, polls: number): WaitResult {
  const proceed = settings.onTimeout === 'approve';
  const then = proceed ? 'on-timeout is approve, so the deployment goes ahead' : 'on-timeout is deny';
  return {
    outcome: 'timed-out',
    proceed,
    tally,
    reason: `No decision within the timeout (${then}). ${tally.reason}`,
    polls,
  };
}

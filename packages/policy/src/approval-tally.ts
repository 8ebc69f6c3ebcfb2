import { readVerdict, type ApprovalWords, type Verdict } from './approval-words.js';

/**
 * The approval tally: a pure function from the request, the comments and reviews read from the channel, and who
 * has write access now, to a decision that lists every item with whether it counted and why. Logins are
 * compared case-insensitively, as GitHub does.
 */

/** A group that must be satisfied on its own (one SRE and one security approver). */
export interface ApproverGroup {
  name: string;
  /** Logins, with teams already expanded to their members. */
  members: readonly string[];
  /** Approvals needed from this group; at least 1. */
  minimum: number;
}

/** What the request asks for. */
export interface ApprovalRequest {
  /** When the request was posted (Unix ms): anything written before it is not a vote on it. */
  createdAt: number;
  /** Logins that may approve, with teams expanded to their members. */
  approvers: readonly string[];
  /** Groups that must each be satisfied; their members may approve too. */
  groups: readonly ApproverGroup[];
  /** Distinct people needed overall. */
  minimumApprovals: number;
  /** The login that started the run. */
  actor: string;
  /** The commit author's login, when GitHub knows it. */
  commitAuthor: string | undefined;
  /** Let the actor and the commit author approve their own deployment. */
  allowSelfApproval: boolean;
  words: ApprovalWords;
}

/** A comment or pull request review as read from GitHub (untrusted text). */
export interface ApprovalSignal {
  /** `comment 123`, `review 45`. */
  id: string;
  kind: 'comment' | 'review';
  author: string;
  /** GitHub's user type is `Bot`, or the login ends in `[bot]`. */
  authorIsBot: boolean;
  /** Unix ms; a review's `submitted_at`. */
  createdAt: number;
  /** Unix ms of the last edit, when the API reports one. */
  updatedAt: number | undefined;
  body: string;
  /** A review's state, upper-case as GitHub sends it (`APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`, `DISMISSED`). */
  reviewState?: string;
  url: string;
}

/** One counted approval or denial, for the `approvers` output. */
export interface Vote {
  login: string;
  /** ISO 8601. */
  at: string;
  url: string;
}

/** What the tally made of one comment or review. */
export interface TallyItem {
  id: string;
  author: string;
  url: string;
  verdict: Verdict | undefined;
  counted: boolean;
  reason: string;
}

export interface GroupTally {
  name: string;
  approvals: number;
  minimum: number;
  satisfied: boolean;
}

export interface Tally {
  decision: 'approved' | 'denied' | 'pending';
  reason: string;
  /** Counted approvals, oldest first: distinct people. */
  approvals: Vote[];
  /** The counted deny that decided, when one did. */
  denial: Vote | undefined;
  groups: GroupTally[];
  items: TallyItem[];
}

const lower = (login: string) => login.toLowerCase();

/** Everyone who may vote: the approvers and the members of every group. */
export function eligibleApprovers(request: Pick<ApprovalRequest, 'approvers' | 'groups'>): string[] {
  const all = new Map<string, string>();
  for (const login of [...request.approvers, ...request.groups.flatMap((g) => g.members)])
    if (!all.has(lower(login))) all.set(lower(login), login);
  return [...all.values()];
}

/** Counts the votes. `writers` holds the logins (any case) that have write access at the time of counting. */
export function tallyApprovals(
  request: ApprovalRequest,
  signals: readonly ApprovalSignal[],
  writers: ReadonlySet<string>,
): Tally {
  const eligible = new Set(eligibleApprovers(request).map(lower));
  const canWrite = new Set([...writers].map(lower));
  const self = new Map([[lower(request.actor), "the run's actor"]]);
  if (request.commitAuthor && !self.has(lower(request.commitAuthor)))
    self.set(lower(request.commitAuthor), "the commit's author");
  const approved = new Map<string, Vote>();
  const items: TallyItem[] = [];
  let denial: Vote | undefined;
  const ordered = [...signals].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  for (const signal of ordered) {
    const verdict = verdictOf(signal, request.words);
    const vote: Vote = { login: signal.author, at: new Date(signal.createdAt).toISOString(), url: signal.url };
    const item = (counted: boolean, reason: string): TallyItem => ({
      id: signal.id,
      author: signal.author,
      url: signal.url,
      verdict,
      counted,
      reason,
    });
    const ignored = whyIgnored(signal, verdict, request, { eligible, canWrite, self, approved });
    if (ignored !== undefined) {
      items.push(item(false, ignored));
    } else if (verdict === 'deny') {
      denial ??= vote;
      items.push(item(true, `denied by ${signal.author}, an approver`));
    } else {
      approved.set(lower(signal.author), vote);
      items.push(item(true, `approved by ${signal.author}, an approver with write access`));
    }
  }
  const approvals = [...approved.values()];
  const groups = request.groups.map((group) => {
    const members = new Set(group.members.map(lower));
    const count = approvals.filter((v) => members.has(lower(v.login))).length;
    return { name: group.name, approvals: count, minimum: group.minimum, satisfied: count >= group.minimum };
  });
  return { ...decide(request, approvals, denial, groups), approvals, denial, groups, items };
}

function verdictOf(signal: ApprovalSignal, words: ApprovalWords): Verdict | undefined {
  if (signal.kind === 'review' && signal.reviewState === 'APPROVED') return 'approve';
  if (signal.kind === 'review' && signal.reviewState === 'CHANGES_REQUESTED') return 'deny';
  return readVerdict(signal.body, words)?.verdict;
}

interface Seen {
  eligible: ReadonlySet<string>;
  canWrite: ReadonlySet<string>;
  self: ReadonlyMap<string, string>;
  approved: ReadonlyMap<string, Vote>;
}

function whyIgnored(
  signal: ApprovalSignal,
  verdict: Verdict | undefined,
  request: ApprovalRequest,
  seen: Seen,
): string | undefined {
  const login = lower(signal.author);
  if (signal.createdAt < request.createdAt) return 'written before the request was posted';
  if (signal.updatedAt !== undefined && signal.updatedAt > signal.createdAt)
    return `edited after it was written (${new Date(signal.updatedAt).toISOString()}); write a new comment to vote`;
  if (signal.kind === 'review' && signal.reviewState === 'DISMISSED') return 'a dismissed review';
  if (verdict === undefined) return 'no approve or deny word on a line of its own';
  if (signal.authorIsBot || login.endsWith('[bot]')) return 'bots do not vote';
  if (!seen.eligible.has(login)) return `${signal.author} is not an approver`;
  const role = seen.self.get(login);
  if (verdict === 'approve' && role && !request.allowSelfApproval)
    return `${signal.author} is ${role} and cannot approve (allow-self-approval is off)`;
  if (!seen.canWrite.has(login)) return `${signal.author} does not have write access to the repository (any more)`;
  const earlier = seen.approved.get(login);
  if (verdict === 'approve' && earlier) return `${signal.author} already approved at ${earlier.at}`;
  return undefined;
}

function decide(
  request: ApprovalRequest,
  approvals: readonly Vote[],
  denial: Vote | undefined,
  groups: readonly GroupTally[],
): { decision: Tally['decision']; reason: string } {
  if (denial) return { decision: 'denied', reason: `Denied by ${denial.login} at ${denial.at} (${denial.url}).` };
  const missing = groups.filter((g) => !g.satisfied).map((g) => `${g.name} needs ${g.minimum - g.approvals} more`);
  const short = request.minimumApprovals - approvals.length;
  const who = approvals.map((v) => v.login).join(', ');
  if (short <= 0 && missing.length === 0)
    return {
      decision: 'approved',
      reason: `Approved by ${who} (${approvals.length} of ${request.minimumApprovals} required${groups.length ? ', every group satisfied' : ''}).`,
    };
  const have = `${approvals.length} of ${request.minimumApprovals} approvals${who ? ` (${who})` : ''}`;
  return { decision: 'pending', reason: `Waiting: ${have}${missing.length ? `; ${missing.join('; ')}` : ''}.` };
}

/**
 * Problems that make the request impossible to approve, found before it is posted: fewer eligible people than
 * `minimum-approvals` once the actor and commit author are left out, or a group with too few members.
 */
export function approvalProblems(request: ApprovalRequest): string[] {
  const excluded = request.allowSelfApproval
    ? new Set<string>()
    : new Set([request.actor, request.commitAuthor ?? ''].map(lower));
  const usable = (logins: readonly string[]) => logins.filter((l) => !excluded.has(lower(l)));
  const problems: string[] = [];
  const everyone = usable(eligibleApprovers(request));
  if (everyone.length < request.minimumApprovals)
    problems.push(
      `minimum-approvals is ${request.minimumApprovals} but only ${everyone.length} approver(s) can vote (${everyone.join(', ') || 'none'}); the actor and the commit author cannot approve unless allow-self-approval is on`,
    );
  for (const group of request.groups) {
    const members = usable([...new Set(group.members.map(lower))]);
    if (members.length < group.minimum)
      problems.push(
        `group '${group.name}' needs ${group.minimum} approval(s) but has ${members.length} member(s) who can vote`,
      );
  }
  return problems;
}

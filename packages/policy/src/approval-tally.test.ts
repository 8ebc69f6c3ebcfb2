import { describe, expect, it } from 'vitest';
import {
  approvalProblems,
  eligibleApprovers,
  tallyApprovals,
  type ApprovalRequest,
  type ApprovalSignal,
} from './approval-tally.js';
import { DEFAULT_APPROVAL_WORDS } from './approval-words.js';

const T0 = Date.parse('2026-07-01T10:00:00Z');
const request: ApprovalRequest = {
  createdAt: T0,
  approvers: ['alice', 'bob', 'carol', 'dev'],
  groups: [],
  minimumApprovals: 1,
  actor: 'dev',
  commitAuthor: 'carol',
  allowSelfApproval: false,
  words: DEFAULT_APPROVAL_WORDS,
};
const writers = new Set(['alice', 'bob', 'carol', 'dev', 'erin', 'sre-sam', 'sec-sue']);
let next = 1;
const comment = (author: string, body: string, fields: Partial<ApprovalSignal> = {}): ApprovalSignal => {
  const id = next++;
  return {
    id: `comment ${id}`,
    kind: 'comment',
    author,
    authorIsBot: false,
    createdAt: T0 + id * 1000,
    updatedAt: undefined,
    body,
    url: `https://github.com/o/r/issues/1#issuecomment-${id}`,
    ...fields,
  };
};
const tally = (signals: ApprovalSignal[], changes: Partial<ApprovalRequest> = {}, canWrite = writers) =>
  tallyApprovals({ ...request, ...changes }, signals, canWrite);

describe('tallyApprovals', () => {
  it('approves with one approver and lists who, when and where', () => {
    const vote = comment('alice', 'approve');
    const result = tally([vote]);
    expect(result.decision).toBe('approved');
    expect(result.approvals).toEqual([{ login: 'alice', at: new Date(vote.createdAt).toISOString(), url: vote.url }]);
    expect(result.reason).toBe('Approved by alice (1 of 1 required).');
    expect(result.items).toEqual([expect.objectContaining({ author: 'alice', counted: true, verdict: 'approve' })]);
  });

  it("does not count the run's actor", () => {
    const result = tally([comment('dev', 'approve')]);
    expect(result.decision).toBe('pending');
    expect(result.items[0]).toMatchObject({
      counted: false,
      reason: "dev is the run's actor and cannot approve (allow-self-approval is off)",
    });
  });

  it("does not count the commit's author, unless allow-self-approval", () => {
    expect(tally([comment('carol', 'lgtm')]).items[0]?.reason).toBe(
      "carol is the commit's author and cannot approve (allow-self-approval is off)",
    );
    expect(tally([comment('Carol', 'lgtm')], { allowSelfApproval: true }).decision).toBe('approved');
  });

  it('does not count bots, by type or by login', () => {
    const result = tally([comment('alice', 'approve', { authorIsBot: true }), comment('bob[bot]', 'approve')], {
      approvers: ['alice', 'bob[bot]'],
    });
    expect(result.decision).toBe('pending');
    expect(result.items.map((i) => i.reason)).toEqual(['bots do not vote', 'bots do not vote']);
  });

  it('does not count people who are not approvers', () => {
    const result = tally([comment('erin', 'approve')]);
    expect(result.items[0]).toMatchObject({ counted: false, reason: 'erin is not an approver' });
  });

  it('does not count approvers without write access', () => {
    const result = tally([comment('bob', 'approve')], {}, new Set(['alice']));
    expect(result.decision).toBe('pending');
    expect(result.items[0]?.reason).toBe('bob does not have write access to the repository (any more)');
  });

  it('counts a second approval by the same person once', () => {
    const first = comment('alice', 'approve');
    const result = tally([first, comment('ALICE', 'lgtm')], { minimumApprovals: 2 });
    expect(result.decision).toBe('pending');
    expect(result.approvals).toHaveLength(1);
    expect(result.items[1]?.reason).toBe(`ALICE already approved at ${new Date(first.createdAt).toISOString()}`);
    expect(result.reason).toBe('Waiting: 1 of 2 approvals (alice).');
  });

  it('does not count comments written before the request', () => {
    const result = tally([comment('alice', 'approve', { createdAt: T0 - 1 })]);
    expect(result.items[0]?.reason).toBe('written before the request was posted');
  });

  it('does not count a comment edited from "looks bad" to "approve"', () => {
    const edited = comment('alice', 'approve');
    const result = tally([{ ...edited, updatedAt: edited.createdAt + 60_000 }]);
    expect(result.decision).toBe('pending');
    expect(result.items[0]?.reason).toMatch(/^edited after it was written/);
  });

  it('does not count words in quotes, code spans, code blocks or inside a sentence', () => {
    const result = tally([
      comment('alice', '> approve'),
      comment('alice', '`approve`'),
      comment('alice', '```\napprove\n```'),
      comment('alice', 'I do not approve yet'),
    ]);
    expect(result.decision).toBe('pending');
    expect(new Set(result.items.map((i) => i.reason))).toEqual(
      new Set(['no approve or deny word on a line of its own']),
    );
  });

  it('lets a deny by any approver win over approvals, before or after them', () => {
    expect(tally([comment('alice', 'approve'), comment('bob', 'deny')]).decision).toBe('denied');
    const denied = tally([comment('bob', 'deny'), comment('alice', 'approve')]);
    expect(denied.decision).toBe('denied');
    expect(denied.reason).toMatch(/^Denied by bob at /);
  });

  it('ignores a deny from someone who is not an approver', () => {
    expect(tally([comment('erin', 'deny'), comment('alice', 'approve')]).decision).toBe('approved');
  });

  it('needs minimum-approvals distinct people', () => {
    expect(tally([comment('alice', 'approve'), comment('bob', 'lgtm')], { minimumApprovals: 3 }).reason).toBe(
      'Waiting: 2 of 3 approvals (alice, bob).',
    );
    expect(tally([comment('alice', 'approve'), comment('bob', 'lgtm')], { minimumApprovals: 2 }).decision).toBe(
      'approved',
    );
  });

  it('needs every group satisfied, whatever the total', () => {
    const groups = [
      { name: 'sre', members: ['sre-sam', 'alice'], minimum: 1 },
      { name: 'security', members: ['sec-sue'], minimum: 1 },
    ];
    const partial = tally([comment('alice', 'approve'), comment('bob', 'approve')], { groups, minimumApprovals: 2 });
    expect(partial.decision).toBe('pending');
    expect(partial.reason).toBe('Waiting: 2 of 2 approvals (alice, bob); security needs 1 more.');
    expect(partial.groups).toEqual([
      { name: 'sre', approvals: 1, minimum: 1, satisfied: true },
      { name: 'security', approvals: 0, minimum: 1, satisfied: false },
    ]);
    const full = tally([comment('alice', 'approve'), comment('sec-sue', 'approve')], { groups, minimumApprovals: 2 });
    expect(full.decision).toBe('approved');
    expect(full.reason).toBe('Approved by alice, sec-sue (2 of 2 required, every group satisfied).');
  });

  it('reads pull request reviews: approved, changes requested, dismissed, and words in a review body', () => {
    const review = (author: string, reviewState: string, body = '') =>
      comment(author, body, { kind: 'review', reviewState, id: `review ${next}` });
    expect(tally([review('alice', 'APPROVED')]).decision).toBe('approved');
    expect(tally([review('alice', 'APPROVED'), review('bob', 'CHANGES_REQUESTED')]).decision).toBe('denied');
    expect(tally([review('alice', 'DISMISSED')]).items[0]?.reason).toBe('a dismissed review');
    expect(tally([review('alice', 'COMMENTED', 'lgtm')]).decision).toBe('approved');
    expect(tally([review('alice', 'COMMENTED', 'nice')]).decision).toBe('pending');
  });

  it('counts in the order the comments were written', () => {
    const late = comment('alice', 'approve');
    const early = comment('alice', 'lgtm', { createdAt: late.createdAt - 500 });
    const result = tally([late, early]);
    expect(result.approvals[0]?.url).toBe(early.url);
  });
});

describe('eligibleApprovers', () => {
  it('joins approvers and group members once each, whatever the case', () => {
    expect(
      eligibleApprovers({
        approvers: ['Alice', 'bob'],
        groups: [{ name: 'g', members: ['alice', 'sue'], minimum: 1 }],
      }),
    ).toEqual(['Alice', 'bob', 'sue']);
  });
});

describe('approvalProblems', () => {
  it('finds requests nobody can satisfy, leaving out the actor and the commit author', () => {
    expect(approvalProblems({ ...request, minimumApprovals: 2 })).toEqual([]);
    expect(approvalProblems({ ...request, minimumApprovals: 3 })).toEqual([
      'minimum-approvals is 3 but only 2 approver(s) can vote (alice, bob); the actor and the commit author cannot approve unless allow-self-approval is on',
    ]);
    expect(approvalProblems({ ...request, minimumApprovals: 3, allowSelfApproval: true })).toEqual([]);
    expect(
      approvalProblems({ ...request, groups: [{ name: 'owners', members: ['dev', 'carol'], minimum: 1 }] }),
    ).toEqual(["group 'owners' needs 1 approval(s) but has 0 member(s) who can vote"]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '@shipgate/github';
import { countVotes, DEFAULT_APPROVAL_WORDS, type ApprovalRequest, type Tally } from '@shipgate/policy';
import { GitHubApprovalChannel } from '../../actions/approval-gate/src/github-channel.js';
import { startGitHubEmulator, type GitHubEmulator } from '../support/github-emulator/index.js';

// Every way issue 11 lists to spoof an approval, one test each, against the GitHub API emulator: comments and
// reviews are written as GitHub stores them, read back through the gate's own channel (conditional requests,
// collaborator permissions read at counting) and counted by the gate's own tally. Two more cases run the whole
// bundle while it waits, in approval-gate.test.ts: someone removed from the team while the gate waits, and a
// comment edited from "looks bad" to "approve".
const T0 = Date.parse('2026-07-01T10:00:00Z');
let github: GitHubEmulator | undefined;
let now = T0;

afterEach(async () => {
  await github?.close();
  github = undefined;
});

/** An issue request posted at T0 by the gate, alice and bob approvers with write access; `dev` runs the gate. */
async function request(overrides: Partial<ApprovalRequest> = {}) {
  now = T0;
  github = await startGitHubEmulator({ owner: 'octo-org', repo: 'octo-repo', now: () => new Date(now) });
  for (const login of ['alice', 'bob', 'carol', 'dev', 'deploy-bot[bot]']) github.addCollaborator(login, 'write');
  const issue = github.seedIssue({ title: 'Approve deployment of v1' });
  const client = createGitHubClient({ token: github.token, baseUrl: github.url, mask: () => undefined });
  const approvers = overrides.approvers ?? ['alice', 'bob', 'carol', 'dev', 'deploy-bot[bot]'];
  const channel = new GitHubApprovalChannel(client, { owner: 'octo-org', repo: 'octo-repo' }, issue.number, {
    since: issue.createdAt,
    reviews: true,
    approvers: approvers.map((login) => ({ kind: 'user', login })),
    groups: [],
  });
  const approval: ApprovalRequest = {
    createdAt: Date.parse(issue.createdAt),
    approvers,
    groups: [],
    minimumApprovals: 1,
    actor: 'dev',
    commitAuthor: 'carol',
    allowSelfApproval: false,
    words: DEFAULT_APPROVAL_WORDS,
    ...overrides,
  };
  const gh = github;
  /** A comment a minute later each time (GitHub's times have whole seconds). */
  const say = (user: string, body: string) => {
    now += 60_000;
    return gh.seedComment({ issueNumber: issue.number, user, body });
  };
  const count = async (): Promise<Tally> => countVotes(approval, channel, (await channel.readVotes()) ?? []);
  return { gh, issue, say, count, approval, channel };
}

const NO_VOTE = 'no approve or deny word on a line of its own';

/** The one vote the tally saw, with whether it counted and why. */
const only = (tally: Tally) => {
  expect(tally.items.filter((i) => i.verdict !== undefined)).toHaveLength(1);
  return tally.items.find((i) => i.verdict !== undefined);
};

describe('approval-gate: spoofed approvals are not counted (GitHub API emulator)', () => {
  it("does not count the run's actor", async () => {
    const { say, count } = await request();
    say('dev', 'approve');
    const tally = await count();
    expect(tally.decision).toBe('pending');
    expect(only(tally)).toMatchObject({
      author: 'dev',
      counted: false,
      reason: "dev is the run's actor and cannot approve (allow-self-approval is off)",
    });
  });

  it("does not count the commit's author, unless allow-self-approval", async () => {
    const { say, count } = await request();
    say('carol', 'approve');
    const tally = await count();
    expect(tally.decision).toBe('pending');
    expect(only(tally)).toMatchObject({
      counted: false,
      reason: "carol is the commit's author and cannot approve (allow-self-approval is off)",
    });
    const allowed = await request({ allowSelfApproval: true });
    allowed.say('carol', 'approve');
    expect((await allowed.count()).decision).toBe('approved');
  });

  it('does not count a bot, even one listed as an approver with write access', async () => {
    const { say, count } = await request();
    say('deploy-bot[bot]', 'approve');
    const tally = await count();
    expect(tally.decision).toBe('pending');
    expect(only(tally)).toMatchObject({ counted: false, reason: 'bots do not vote' });
  });

  it('does not count someone who is not an approver, though they can write', async () => {
    const { say, count } = await request({ approvers: ['alice'] });
    say('bob', 'approve');
    const tally = await count();
    expect(tally.decision).toBe('pending');
    expect(only(tally)).toMatchObject({ counted: false, reason: 'bob is not an approver' });
  });

  it('does not count an approver who lost write access by the time the vote is counted', async () => {
    const { gh, say, count } = await request();
    say('alice', 'approve');
    gh.addCollaborator('alice', 'read');
    const tally = await count();
    expect(tally.decision).toBe('pending');
    expect(only(tally)).toMatchObject({ author: 'alice', counted: false });
    expect(only(tally)?.reason).toMatch(/write access/);
  });

  it('counts a second approval by the same person once', async () => {
    const { say, count } = await request({ minimumApprovals: 2 });
    say('alice', 'approve');
    say('alice', 'lgtm');
    const tally = await count();
    expect(tally.decision).toBe('pending');
    expect(tally.approvals.map((a) => a.login)).toEqual(['alice']);
    expect(tally.items.map((i) => [i.author, i.counted])).toEqual([
      ['alice', true],
      ['alice', false],
    ]);
  });

  it('does not count a comment written before the request', async () => {
    const { gh, issue, count } = await request();
    gh.seedComment({
      issueNumber: issue.number,
      user: 'alice',
      body: 'approve',
      createdAt: new Date(T0 - 60_000).toISOString(),
      // Edited since, so GitHub's `since` (which filters on the update time) still returns it.
      updatedAt: new Date(T0 + 60_000).toISOString(),
    });
    const tally = await count();
    expect(tally.decision).toBe('pending');
    expect(tally.items.map((i) => i.reason)).toEqual(['written before the request was posted']);
  });

  it('does not count an approve word inside a quote', async () => {
    const { say, count } = await request();
    say('alice', '> approve\n\nWhy would anyone write that?');
    expect(await count()).toMatchObject({
      decision: 'pending',
      approvals: [],
      items: [{ counted: false, reason: NO_VOTE }],
    });
  });

  it('does not count an approve word in a code span', async () => {
    const { say, count } = await request();
    say('alice', '`approve`');
    expect(await count()).toMatchObject({
      decision: 'pending',
      approvals: [],
      items: [{ counted: false, reason: NO_VOTE }],
    });
  });

  it('does not count an approve word in a code block', async () => {
    const { say, count } = await request();
    say('alice', 'To approve, write:\n\n```\napprove\n```\n\n    lgtm');
    expect(await count()).toMatchObject({
      decision: 'pending',
      approvals: [],
      items: [{ counted: false, reason: NO_VOTE }],
    });
  });

  it('does not count an approve word inside a sentence', async () => {
    const { say, count } = await request();
    say('alice', 'I would not approve this yet');
    expect(await count()).toMatchObject({
      decision: 'pending',
      approvals: [],
      items: [{ counted: false, reason: NO_VOTE }],
    });
  });

  it('lets a deny by any approver win over approvals written before it', async () => {
    const { say, count } = await request({ minimumApprovals: 1 });
    say('alice', 'approve');
    const denial = say('bob', 'deny');
    const tally = await count();
    expect(tally.decision).toBe('denied');
    expect(tally.denial).toMatchObject({ login: 'bob', url: expect.stringContaining(`#issuecomment-${denial.id}`) });
  });
});

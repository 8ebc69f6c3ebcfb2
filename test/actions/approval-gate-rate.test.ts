import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '@shipgate/github';
import { awaitApproval, DEFAULT_APPROVAL_WORDS, type ApprovalRequest } from '@shipgate/policy';
import { FakeClock } from '@shipgate/policy/testing';
import { GitHubApprovalChannel } from '../../actions/approval-gate/src/github-channel.js';
import { startGitHubEmulator, type GitHubEmulator } from '../support/github-emulator/index.js';

// The cost of waiting, measured against the emulator's rate limit (a 304 is free, as on GitHub) with an injected
// clock that both the gate and the emulator read: an hour passes in well under a second of real time.
const T0 = Date.parse('2026-07-01T10:00:00Z');
const HOUR = 3_600_000;
let github: GitHubEmulator | undefined;

afterEach(async () => {
  await github?.close();
  github = undefined;
});

async function gate(clock: FakeClock) {
  github = await startGitHubEmulator({ owner: 'octo-org', repo: 'octo-repo', now: () => new Date(clock.now()) });
  github.addCollaborator('alice', 'write');
  const issue = github.seedIssue({ title: 'Approve deployment of v1' });
  const client = createGitHubClient({ token: github.token, baseUrl: github.url, mask: () => undefined });
  const channel = new GitHubApprovalChannel(client, { owner: 'octo-org', repo: 'octo-repo' }, issue.number, {
    since: issue.createdAt,
    reviews: false,
    approvers: [{ kind: 'user', login: 'alice' }],
    groups: [],
  });
  const request: ApprovalRequest = {
    createdAt: Date.parse(issue.createdAt),
    approvers: ['alice'],
    groups: [],
    minimumApprovals: 1,
    actor: 'dev',
    commitAuthor: undefined,
    allowSelfApproval: false,
    words: DEFAULT_APPROVAL_WORDS,
  };
  return { gh: github, issue, channel, request };
}

describe('the cost of waiting for approval', () => {
  it('spends at most 30 counted requests on a one-hour wait at 15 s intervals', async () => {
    const clock = new FakeClock(T0);
    const { gh, issue, channel, request } = await gate(clock);
    // Someone talks on the request during the hour without deciding: each change costs one counted read.
    const sleep = clock.sleep.bind(clock);
    clock.sleep = async (ms, signal) => {
      await sleep(ms, signal);
      if ((clock.now() - T0) % (15 * 60_000) === 10 * 60_000)
        gh.seedComment({ issueNumber: issue.number, user: 'bob', body: 'any news?' });
    };
    const result = await awaitApproval(request, channel, clock, {
      timeoutMs: HOUR,
      intervalMs: 15_000,
      onTimeout: 'deny',
    });
    expect(result).toMatchObject({ outcome: 'timed-out', polls: 241 });
    // Every answer but a 304 counts (the emulator's own window resets at the hour, so count answers instead).
    const counted = gh.requests.filter((r) => r.status !== 304).length;
    const conditional = gh.requests.filter((r) => r.status === 304).length;
    console.log(
      `One hour at 15 s: ${result.polls} polls, ${counted} counted against the rate limit, ${conditional} answered 304.`,
    );
    expect(counted).toBe(channel.counted);
    expect(counted).toBeLessThanOrEqual(30);
    expect(counted).toBe(5); // the first read and one per comment written (at 10, 25, 40 and 55 minutes)
  });

  it('counts the approval when it arrives, checking access only then', async () => {
    const clock = new FakeClock(T0);
    const { gh, issue, channel, request } = await gate(clock);
    const sleep = clock.sleep.bind(clock);
    clock.sleep = async (ms, signal) => {
      await sleep(ms, signal);
      if (clock.now() === T0 + 30 * 60_000)
        gh.seedComment({ issueNumber: issue.number, user: 'alice', body: 'approve' });
    };
    const result = await awaitApproval(request, channel, clock, {
      timeoutMs: HOUR,
      intervalMs: 15_000,
      onTimeout: 'deny',
    });
    expect(result.outcome).toBe('approved');
    expect(gh.requests.filter((r) => r.path.endsWith('/collaborators/alice/permission'))).toHaveLength(1);
    expect(gh.rateLimitUsage().used).toBe(3);
  });
});

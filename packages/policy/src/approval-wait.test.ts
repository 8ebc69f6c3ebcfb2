import { describe, expect, it } from 'vitest';
import type { ApprovalRequest, ApprovalSignal } from './approval-tally.js';
import { DEFAULT_APPROVAL_WORDS } from './approval-words.js';
import { awaitApproval, type ApprovalChannel, type WaitSettings } from './approval-wait.js';
import { FakeApprovalChannel, FakeClock } from './testing/index.js';

const T0 = Date.parse('2026-07-01T10:00:00Z');
const request: ApprovalRequest = {
  createdAt: T0,
  approvers: ['alice', 'bob'],
  groups: [],
  minimumApprovals: 1,
  actor: 'dev',
  commitAuthor: undefined,
  allowSelfApproval: false,
  words: DEFAULT_APPROVAL_WORDS,
};
const hour: WaitSettings = { timeoutMs: 3_600_000, intervalMs: 15_000, onTimeout: 'deny' };
const vote = (id: number, author: string, body: string, createdAt: number): ApprovalSignal => ({
  id: `comment ${id}`,
  kind: 'comment',
  author,
  authorIsBot: false,
  createdAt,
  updatedAt: undefined,
  body,
  url: `https://github.com/o/r/issues/1#issuecomment-${id}`,
});

/** Runs `step` after every sleep of the clock, as people writing while the gate waits. */
function onEachSleep(clock: FakeClock, step: (now: number) => void): FakeClock {
  const sleep = clock.sleep.bind(clock);
  clock.sleep = async (ms, signal) => {
    await sleep(ms, signal);
    step(clock.now());
  };
  return clock;
}

describe('awaitApproval', () => {
  it('times out after an hour of 15 s polls, reading 241 times but fetching data once', async () => {
    const clock = new FakeClock(T0);
    const channel = new FakeApprovalChannel({ approvers: ['alice', 'bob'] });
    const result = await awaitApproval(request, channel, clock, hour);
    expect(result).toMatchObject({ outcome: 'timed-out', proceed: false, polls: 241 });
    expect(result.reason).toBe('No decision within the timeout (on-timeout is deny). Waiting: 0 of 1 approvals.');
    expect(channel.changedReads).toBe(1);
    expect(channel.accessReads).toBe(0);
    expect(clock.now()).toBe(T0 + 3_600_000);
  });

  it('goes ahead on timeout with on-timeout: approve, and says so', async () => {
    const result = await awaitApproval(request, new FakeApprovalChannel(), new FakeClock(T0), {
      ...hour,
      onTimeout: 'approve',
    });
    expect(result).toMatchObject({ outcome: 'timed-out', proceed: true });
    expect(result.reason).toContain('on-timeout is approve, so the deployment goes ahead');
  });

  it('approves as soon as an approver writes approve, checking access once', async () => {
    const channel = new FakeApprovalChannel({ approvers: ['alice', 'bob'] });
    const clock = onEachSleep(new FakeClock(T0), (now) => {
      if (now === T0 + 60_000) channel.add(vote(1, 'erin', 'approve', now));
      if (now === T0 + 120_000) channel.add(vote(2, 'alice', 'approve', now));
    });
    const result = await awaitApproval(request, channel, clock, hour);
    expect(result).toMatchObject({ outcome: 'approved', proceed: true, polls: 9 });
    expect(result.tally.approvals.map((a) => a.login)).toEqual(['alice']);
    expect(channel.accessReads).toBe(1);
  });

  it('does not count someone removed from the team while the gate waits', async () => {
    const channel = new FakeApprovalChannel({ approvers: ['alice', 'bob'] });
    const clock = onEachSleep(new FakeClock(T0), (now) => {
      if (now === T0 + 30_000) {
        channel.approvers = ['bob'];
        channel.add(vote(1, 'alice', 'approve', now));
      }
    });
    const result = await awaitApproval(request, channel, clock, { ...hour, timeoutMs: 60_000 });
    expect(result.outcome).toBe('timed-out');
    expect(result.tally.items[0]).toMatchObject({
      author: 'alice',
      counted: false,
      reason: 'alice is not an approver',
    });
  });

  it('does not count someone who lost write access while the gate waits', async () => {
    const channel = new FakeApprovalChannel({ approvers: ['alice', 'bob'] });
    const clock = onEachSleep(new FakeClock(T0), (now) => {
      if (now === T0 + 15_000) channel.writers.delete('alice');
      if (now === T0 + 30_000) channel.add(vote(1, 'alice', 'approve', now));
    });
    const result = await awaitApproval(request, channel, clock, { ...hour, timeoutMs: 60_000 });
    expect(result.outcome).toBe('timed-out');
    expect(result.tally.items[0]?.reason).toBe('alice does not have write access to the repository (any more)');
  });

  it('does not count a comment edited from "looks bad" to "approve"', async () => {
    const channel = new FakeApprovalChannel({ approvers: ['alice', 'bob'] });
    const clock = onEachSleep(new FakeClock(T0), (now) => {
      if (now === T0 + 15_000) channel.add(vote(1, 'alice', 'looks bad', now));
      if (now === T0 + 30_000) channel.edit('comment 1', 'approve', now);
    });
    const result = await awaitApproval(request, channel, clock, { ...hour, timeoutMs: 60_000 });
    expect(result.outcome).toBe('timed-out');
    expect(result.tally.items[0]?.reason).toMatch(/^edited after it was written/);
  });

  it('stops on a deny', async () => {
    const channel = new FakeApprovalChannel({ approvers: ['alice', 'bob'] });
    channel.add(vote(1, 'bob', 'deny', T0 + 1));
    const result = await awaitApproval(request, channel, new FakeClock(T0), hour);
    expect(result).toMatchObject({ outcome: 'denied', proceed: false, polls: 1 });
  });

  it('ends as cancelled when the signal aborts during a wait', async () => {
    const controller = new AbortController();
    const clock = onEachSleep(new FakeClock(T0), (now) => {
      if (now >= T0 + 45_000) controller.abort();
    });
    const channel: ApprovalChannel = new FakeApprovalChannel();
    const result = await awaitApproval(request, channel, clock, hour, controller.signal);
    expect(result).toMatchObject({ outcome: 'cancelled', proceed: false, polls: 3 });
  });

  it('reads once and decides with a zero timeout', async () => {
    const result = await awaitApproval(request, new FakeApprovalChannel(), new FakeClock(T0), {
      ...hour,
      timeoutMs: 0,
    });
    expect(result).toMatchObject({ outcome: 'timed-out', polls: 1 });
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readApprovalRecord } from '@shipgate/history';
import { startGitHubEmulator, type GitHubEmulator } from '../support/github-emulator/index.js';
import { pollUntil } from '../support/poll.js';
import { runAction, startAction } from '../support/run-action.js';
import { workspaceWith } from './probes-workspace.js';
import { createTempDir } from '../support/services/index.js';

const ACTION = 'approval-gate';
const SHA = 'ffac537e6cbbf934b08745a378932722df287a53';
let github: GitHubEmulator | undefined;

afterEach(async () => {
  await github?.close();
  github = undefined;
});

/** An emulator serving the runner's repository, with alice and bob as approvers who have write access. */
async function setup(
  event: Record<string, unknown> = { head_commit: { author: { username: 'carol' } } },
  now: () => Date = () => new Date(),
) {
  github = await startGitHubEmulator({ owner: 'octo-org', repo: 'octo-repo', now });
  for (const login of ['alice', 'bob', 'carol', 'dev']) {
    github.addCollaborator(login, 'write');
    github.addToken(`ghp_${login}`, login);
  }
  const dir = createTempDir('approval-gate');
  const eventPath = join(dir.path, 'event.json');
  writeFileSync(eventPath, JSON.stringify(event));
  return {
    github,
    env: { GITHUB_API_URL: github.url, GITHUB_ACTOR: 'dev', GITHUB_SHA: SHA, GITHUB_EVENT_PATH: eventPath },
    token: github.token,
  };
}

/** Writes a comment on issue `number` as `login`, through the API as a person would. */
async function comment(gh: GitHubEmulator, login: string, number: number, body: string) {
  const response = await fetch(`${gh.url}/repos/octo-org/octo-repo/issues/${number}/comments`, {
    method: 'POST',
    headers: { authorization: `token ghp_${login}`, 'content-type': 'application/json' },
    body: JSON.stringify({ body }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: number };
}

const waitForIssue = (gh: GitHubEmulator) =>
  pollUntil(() => gh.state.issues.find((i) => i.title.startsWith('Approve deployment')), {
    timeoutMs: 30_000,
    description: 'the approval request issue',
  });

describe('approval-gate: windows and freezes', () => {
  it('blocks during a freeze, before any request to GitHub', async () => {
    const { env, token, github: gh } = await setup();
    const run = await runAction(
      ACTION,
      { token, freeze: '2000-01-01..2999-12-31 Forever', approvers: 'alice' },
      { env },
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'blocked-by-window' });
    expect(run.outputs.reason).toContain("inside the freeze 'Forever'");
    expect(run.summary).toContain('Blocked by the deploy window');
    expect(gh.requests).toHaveLength(0);
  });

  it('lets break-glass with a reason through, and opens a follow-up issue', async () => {
    const { env, token, github: gh } = await setup();
    const run = await runAction(
      ACTION,
      { token, freeze: '2000-01-01..2999-12-31', 'break-glass': 'INC-7: payments down' },
      { env },
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.result).toBe('approved');
    expect(run.summary).toContain('overridden by break-glass (input break-glass): INC-7: payments down');
    expect(gh.state.issues.map((i) => i.title)).toEqual([
      'Follow up: deployment outside the deploy window (break-glass)',
    ]);
  });

  it('takes break-glass from a pull request label only with a reason, and records who asked', async () => {
    const { env, token, github: gh } = await setup({ pull_request: { number: 1, user: { login: 'carol' } } });
    const pull = gh.seedIssue({ title: 'Hotfix', user: 'carol', labels: ['break-glass'], body: 'Fixes payments.' });
    const inputs = { token, freeze: '2000-01-01..2999-12-31 Forever' };
    const refused = await runAction(ACTION, inputs, { env });
    expect(refused.exitCode).toBe(1);
    expect(refused.outputs.result).toBe('blocked-by-window');
    expect(refused.outputs.reason).toContain(
      'break-glass (label break-glass on #1) was asked for without a reason, so it does not apply',
    );
    pull.body = 'Fixes payments.\n\nBreak-glass: INC-9, checkout is down';
    const run = await runAction(ACTION, inputs, { env });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.summary).toContain('overridden by break-glass (label break-glass on #1): INC-9, checkout is down');
    const followUp = gh.state.issues.find((i) => i.title.startsWith('Follow up'));
    expect(followUp?.body).toContain('**Asked for by:** label break-glass on #1');
    expect(readApprovalRecord(JSON.parse(run.outputs.decision ?? ''))?.breakGlass).toEqual({
      source: 'label break-glass on #1',
      reason: 'INC-9, checkout is down',
      followUpUrl: `https://github.com/octo-org/octo-repo/issues/${followUp?.number}`,
    });
  });

  it('refuses a bad window, naming the input, before any request', async () => {
    const { env, token, github: gh } = await setup();
    const run = await runAction(ACTION, { token, windows: 'Mon-Fry 09:00-17:00' }, { env });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`Input 'windows' has an invalid value "Mon-Fry 09:00-17:00"`);
    expect(gh.requests).toHaveLength(0);
  });

  it('refuses a pending request on a pull request, which no later run could decide, before any request', async () => {
    const { env, token, github: gh } = await setup();
    const run = await runAction(
      ACTION,
      { token, approvers: 'alice', channel: 'pull-request', mode: 'pending', request: '7' },
      { env },
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      `Input 'mode' has an invalid value "pending": expected wait when channel is pull-request`,
    );
    expect(run.stdout).toContain('use channel: issue with mode: pending');
    expect(gh.requests).toHaveLength(0);
  });
});

describe('approval-gate: windows and freezes from .github/shipgate.yml', () => {
  it('names the file, line and column of a bad window or freeze, before any request', async () => {
    const { env, token, github: gh } = await setup();
    const config = (section: string) =>
      workspaceWith({ '.github/shipgate.yml': `version: 1\napproval-gate:\n  timezone: Europe/Berlin\n${section}` });
    const window = await runAction(ACTION, { token }, { env, workspace: config('  windows: Mon-Fry 09:00-17:00\n') });
    expect(window.exitCode).toBe(1);
    expect(window.stdout).toContain(
      `.github/shipgate.yml:4:12: 'approval-gate.windows' has an invalid value "Mon-Fry 09:00-17:00"`,
    );
    const freeze = await runAction(
      ACTION,
      { token },
      { env, workspace: config('  freeze: "12-24..13-02 Holidays"\n') },
    );
    expect(freeze.exitCode).toBe(1);
    expect(freeze.stdout).toContain(`.github/shipgate.yml:4:11: 'approval-gate.freeze' has an invalid value`);
    expect(gh.requests).toHaveLength(0);
  });
});

describe('approval-gate: promotion order', () => {
  it('blocks without a staging success and passes with one', async () => {
    const { env, token, github: gh } = await setup();
    const blocked = await runAction(ACTION, { token, 'require-deployed-to': 'staging' }, { env });
    expect(blocked.outputs).toMatchObject({ result: 'blocked-by-promotion' });
    expect(blocked.outputs.reason).toBe(`${SHA.slice(0, 12)} has no successful deployment to staging.`);
    gh.seedDeployment({ environment: 'staging', ref: 'main', sha: SHA, statuses: ['in_progress', 'success'] });
    const passed = await runAction(ACTION, { token, 'require-deployed-to': 'staging' }, { env });
    expect(passed.exitCode, passed.stdout).toBe(0);
    expect(passed.outputs.result).toBe('approved');
  });

  it('measures the soak time from the success status, not from when the deployment started', async () => {
    const { env, token, github: gh } = await setup();
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    gh.seedDeployment({
      environment: 'staging',
      ref: 'main',
      sha: SHA,
      createdAt: ago(180),
      statuses: [{ state: 'in_progress' }, { state: 'success', createdAt: ago(20), autoInactive: false }],
    });
    const inputs = { token, 'require-deployed-to': 'staging', 'soak-time': '1h' };
    const soaking = await runAction(ACTION, inputs, { env });
    expect(soaking.exitCode).toBe(1);
    expect(soaking.outputs.result).toBe('blocked-by-promotion');
    expect(soaking.outputs.reason).toMatch(
      new RegExp(
        `^${SHA.slice(0, 12)} has run in staging for 20m(\\d+s)? of the 1h soak time \\(deployment \\d+\\)\\.$`,
      ),
    );
    const soaked = await runAction(ACTION, { ...inputs, 'soak-time': '15m' }, { env });
    expect(soaked.exitCode, soaked.stdout).toBe(0);
    expect(soaked.outputs.reason).toMatch(/succeeded in staging for 20m(\d+s)? \(soak 15m\)/);
  });

  it('blocks when a later deployment of the same commit failed there', async () => {
    const { env, token, github: gh } = await setup();
    const first = gh.seedDeployment({ environment: 'staging', ref: 'main', sha: SHA, statuses: ['success'] });
    const later = gh.seedDeployment({ environment: 'staging', ref: 'main', sha: SHA, statuses: ['failure'] });
    const run = await runAction(ACTION, { token, 'require-deployed-to': 'staging' }, { env });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('blocked-by-promotion');
    expect(run.outputs.reason).toBe(
      `${SHA.slice(0, 12)} succeeded in staging (deployment ${first.id}) but failed later (deployment ${later.id}, failure).`,
    );
  });

  it('blocks when the version was rolled back there afterwards', async () => {
    const { env, token, github: gh } = await setup();
    const payload = (version: string, previous?: string) => ({
      shipgate: 2,
      version,
      provider: 'command',
      targets: [],
      previous: previous ? { version: previous, deploymentId: null, targets: [] } : null,
      nginx: null,
    });
    gh.seedDeployment({ environment: 'staging', ref: 'v1.1.0', payload: payload('v1.1.0'), statuses: ['success'] });
    const good = gh.seedDeployment({
      environment: 'staging',
      ref: 'v1.2.0',
      payload: payload('v1.2.0'),
      statuses: [{ state: 'success', autoInactive: false }],
    });
    const back = gh.seedDeployment({
      environment: 'staging',
      ref: 'v1.1.0',
      task: 'rollback',
      payload: payload('v1.1.0', 'v1.2.0'),
      statuses: [{ state: 'success', autoInactive: false }],
    });
    const run = await runAction(ACTION, { token, 'require-deployed-to': 'staging', version: 'v1.2.0' }, { env });
    expect(run.outputs.result).toBe('blocked-by-promotion');
    expect(run.outputs.reason).toBe(
      `v1.2.0 succeeded in staging (deployment ${good.id}) but rolled back by deployment ${back.id}.`,
    );
  });
});

describe('approval-gate: human approval through an issue', () => {
  it('waits for an approver, ignores the actor, and closes the issue with who approved', async () => {
    const { env, token, github: gh } = await setup();
    const step = startAction(ACTION, { token, approvers: 'alice, dev', 'poll-interval': '5s' }, { env });
    const issue = await waitForIssue(gh);
    expect(issue.body).toContain('**Who can approve:** @alice, @dev');
    expect(issue.body).toContain('@dev (who started the run) and @carol (who wrote the commit) cannot approve.');
    await comment(gh, 'dev', issue.number, 'approve');
    await comment(gh, 'alice', issue.number, '> approve');
    const vote = await comment(gh, 'alice', issue.number, 'lgtm');
    const run = await step.done;
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.result).toBe('approved');
    expect(JSON.parse(run.outputs.approvers ?? '')).toEqual([
      { login: 'alice', at: expect.any(String), url: expect.stringContaining(`#issuecomment-${vote.id}`) },
    ]);
    expect(run.outputs['request-url']).toBe(`https://github.com/octo-org/octo-repo/issues/${issue.number}`);
    // The decision record, as canary-deploy's approval input takes it into the Deployment payload.
    expect(readApprovalRecord(JSON.parse(run.outputs.decision ?? ''))).toMatchObject({
      result: 'approved',
      approvers: [{ login: 'alice', url: expect.stringContaining(`#issuecomment-${vote.id}`) }],
      requestUrl: run.outputs['request-url'],
      rules: [{ rule: 'window', status: 'passed' }, { rule: 'promotion', status: 'skipped' }, { rule: 'approval' }],
    });
    expect(run.summary).toContain('Decision record');
    expect(issue).toMatchObject({ state: 'closed', stateReason: 'completed' });
    const note = gh.state.comments.at(-1)?.body ?? '';
    expect(note).toContain('**Approved.** Approved by alice');
    expect(note).toContain("dev is the run's actor and cannot approve");
    expect(run.summary).toContain('| approval | passed |');
  });

  it('closes the request when it times out, with on-timeout stated', async () => {
    const { env, token, github: gh } = await setup();
    const run = await runAction(ACTION, { token, approvers: 'alice', timeout: '0s' }, { env });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('timed-out');
    const issue = gh.state.issues[0];
    expect(issue?.body).toContain('Without a decision within 0ms the deployment is **denied**.');
    expect(issue).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
    expect(gh.state.comments.at(-1)?.body).toContain(
      '**Timed out.** No decision within the timeout (on-timeout is deny).',
    );
  });

  it('names approvers without write access instead of posting a request', async () => {
    const { env, token, github: gh } = await setup();
    const run = await runAction(ACTION, { token, approvers: 'alice, mallory' }, { env });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      'These approvers have no write access to the repository, so they could not approve: mallory.',
    );
    expect(gh.state.issues).toHaveLength(0);
  });

  it('closes the request through the post step when the job is cancelled', async () => {
    const { env, token, github: gh } = await setup();
    const step = startAction(ACTION, { token, approvers: 'alice', 'poll-interval': '5s' }, { env });
    const issue = await waitForIssue(gh);
    // Cancel once the gate is polling: it has recorded the request for its post step by then.
    await pollUntil(() => gh.requests.some((r) => r.path.endsWith(`/issues/${issue.number}/comments`)), {
      timeoutMs: 30_000,
      description: 'the first read of the comments',
    });
    // SIGTERM, as the runner sends it (see cancellation.test.ts): the step fails itself, leaving the request to the
    // post step, which closes it with the real outcome.
    step.child.kill('SIGTERM');
    const killed = await step.done;
    expect(killed.signal, killed.stderr).toBeNull();
    expect(killed.exitCode).toBe(1);
    expect(killed.state['request-number']).toBe(String(issue.number));
    expect(killed.state['request-settled']).toBeUndefined();
    expect(issue.state).toBe('open');
    const post = await step.runPost(killed.state);
    expect(post.exitCode, post.stdout).toBe(0);
    expect(issue).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
    const notes = gh.state.comments.filter((c) => c.issueNumber === issue.number).map((c) => c.body);
    expect(notes).toEqual([expect.stringMatching(/^\*\*Cancelled\.\*\* The run was cancelled/)]);
  });
});

describe('approval-gate: spoofing while the gate waits', () => {
  it('does not count someone removed from the team while the gate waits', async () => {
    const { env, token, github: gh } = await setup();
    gh.addTeamMember('octo-org', 'sre', 'alice');
    gh.addTeamMember('octo-org', 'sre', 'bob');
    const step = startAction(ACTION, { token, approvers: 'octo-org/sre', 'poll-interval': '5s' }, { env });
    const issue = await waitForIssue(gh);
    expect(issue.body).toContain('**Who can approve:** @octo-org/sre');
    gh.removeTeamMember('octo-org', 'sre', 'alice');
    await comment(gh, 'alice', issue.number, 'approve');
    await comment(gh, 'bob', issue.number, 'approve');
    const run = await step.done;
    expect(run.exitCode, run.stdout).toBe(0);
    expect(JSON.parse(run.outputs.approvers ?? '').map((a: { login: string }) => a.login)).toEqual(['bob']);
    expect(gh.state.comments.at(-1)?.body).toContain('alice is not an approver');
  });

  it('does not count a comment edited from "looks bad" to "approve"', async () => {
    let skewMs = 0;
    const { env, token, github: gh } = await setup(undefined, () => new Date(Date.now() + skewMs));
    const step = startAction(ACTION, { token, approvers: 'alice, bob', 'poll-interval': '5s' }, { env });
    const issue = await waitForIssue(gh);
    const written = await comment(gh, 'alice', issue.number, 'looks bad');
    skewMs = 2000; // GitHub's timestamps have whole seconds: the edit lands in a later one
    const edit = await fetch(`${gh.url}/repos/octo-org/octo-repo/issues/comments/${written.id}`, {
      method: 'PATCH',
      headers: { authorization: 'token ghp_alice', 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'approve' }),
    });
    expect(edit.status).toBe(200);
    await comment(gh, 'bob', issue.number, 'approve');
    const run = await step.done;
    expect(run.exitCode, run.stdout).toBe(0);
    expect(JSON.parse(run.outputs.approvers ?? '').map((a: { login: string }) => a.login)).toEqual(['bob']);
    expect(gh.state.comments.at(-1)?.body).toMatch(/approve by @alice .*: edited after it was written/);
  });
});

describe('approval-gate: the pull request as the channel', () => {
  it("asks on the pull request and counts an approver's review, not the author's", async () => {
    const { env, token, github: gh } = await setup({ pull_request: { number: 1, user: { login: 'carol' } } });
    gh.seedIssue({ title: 'Add feature' });
    const step = startAction(
      ACTION,
      { token, approvers: 'alice, carol', channel: 'pull-request', 'poll-interval': '5s' },
      { env },
    );
    await pollUntil(() => gh.state.comments.find((c) => c.body.includes('waits for approval')), {
      timeoutMs: 30_000,
      description: 'the request comment on the pull request',
    });
    gh.seedReview({ pullNumber: 1, user: 'carol', state: 'APPROVED' });
    gh.seedReview({ pullNumber: 1, user: 'alice', state: 'APPROVED' });
    const run = await step.done;
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs['request-url']).toMatch(/\/issues\/1#issuecomment-\d+$/);
    expect(JSON.parse(run.outputs.approvers ?? '').map((a: { login: string }) => a.login)).toEqual(['alice']);
    expect(gh.state.issues[0]?.state).toBe('open'); // the pull request is not closed, only commented on
    expect(gh.state.comments.at(-1)?.body).toContain("carol is the commit's author and cannot approve");
  });
});

describe("approval-gate: GitHub Environments' reviewers", () => {
  it("only reads the run's reviews, counting them by the same rules", async () => {
    const { env, token, github: gh } = await setup();
    const runId = 1658821493; // the local runner's GITHUB_RUN_ID
    gh.seedRunApproval({ runId, environments: ['production'], state: 'approved', user: 'dev', comment: '' });
    const inputs = { token, approvers: 'alice, dev', channel: 'environment', environment: 'production' };
    const waiting = await runAction(ACTION, inputs, { env });
    expect(waiting.exitCode, waiting.stdout).toBe(0);
    expect(waiting.outputs.result).toBe('pending');
    expect(waiting.summary).toContain("dev is the run's actor and cannot approve");
    gh.seedRunApproval({ runId, environments: ['production'], state: 'approved', user: 'alice', comment: 'ship it' });
    const approved = await runAction(ACTION, inputs, { env });
    expect(approved.outputs.result).toBe('approved');
    expect(JSON.parse(approved.outputs.approvers ?? '').map((a: { login: string }) => a.login)).toEqual(['alice']);
    gh.seedRunApproval({ runId, environments: ['production'], state: 'rejected', user: 'alice', comment: 'wait' });
    const denied = await runAction(ACTION, inputs, { env });
    expect(denied.exitCode).toBe(1);
    expect(denied.outputs.result).toBe('denied');
    expect(gh.state.issues).toHaveLength(0);
  });
});

describe('approval-gate: pending mode', () => {
  it('posts the request and ends; a later run with request decides and closes it', async () => {
    const { env: firstEnv, token, github: gh } = await setup();
    const gate = { token, approvers: 'alice', environment: 'staging' };
    const first = await runAction(ACTION, { ...gate, mode: 'pending', version: 'v7' }, { env: firstEnv });
    expect(first.exitCode, first.stdout).toBe(0);
    expect(first.outputs.result).toBe('pending');
    expect(first.outputs).toMatchObject({ version: 'v7', sha: firstEnv.GITHUB_SHA });
    const number = first.outputs['request-number'] ?? '';
    // The later runs start from a comment, on the default branch's newest commit: they decide what was asked for.
    const env = { ...firstEnv, GITHUB_SHA: 'b'.repeat(40) };
    expect(gh.state.issues[0]?.state).toBe('open');
    const post = await first.runPost();
    expect(post.exitCode).toBe(0);
    expect(gh.state.issues[0]?.state).toBe('open');

    const early = await runAction(ACTION, { ...gate, request: number }, { env: { ...env, GITHUB_ACTOR: 'alice' } });
    expect(early.outputs.result, early.stdout).toBe('pending');
    const elsewhere = await runAction(ACTION, { ...gate, environment: 'production', request: number }, { env });
    expect(elsewhere.exitCode).toBe(1);
    expect(elsewhere.stdout).toContain(
      `Input 'request' names #${number}, a request for environment 'staging', but this run is for 'production'.`,
    );
    await comment(gh, 'alice', Number(number), 'approve');
    // The second run is triggered by alice's comment, so she is its actor: the request still knows who started it.
    const second = await runAction(ACTION, { ...gate, request: number }, { env: { ...env, GITHUB_ACTOR: 'alice' } });
    expect(second.exitCode, second.stdout).toBe(0);
    expect(second.outputs.result).toBe('approved');
    expect(second.outputs).toMatchObject({ version: 'v7', sha: firstEnv.GITHUB_SHA });
    expect(gh.state.issues[0]).toMatchObject({ state: 'closed', stateReason: 'completed' });
  });

  it("accepts only a request this workflow's identity opened, not a copy by another bot or a person", async () => {
    const { env, token, github: gh } = await setup();
    const first = await runAction(ACTION, { token, approvers: 'alice', mode: 'pending' }, { env });
    const body = gh.state.issues[0]?.body ?? '';
    expect(body).toContain('<!-- shipgate:approval-gate');
    for (const user of ['other-app[bot]', 'mallory']) {
      // A copy of the real request with its marker, approved at once by alice.
      const copy = gh.seedIssue({ title: 'Approve deployment of main', user, body });
      gh.seedComment({ issueNumber: copy.number, user: 'alice', body: 'approve' });
      const run = await runAction(ACTION, { token, approvers: 'alice', request: String(copy.number) }, { env });
      expect(run.exitCode).toBe(1);
      expect(run.outputs.result).toBeUndefined();
      expect(run.stdout).toContain(
        `Issue #${copy.number} is not an approval request opened by this gate (opened by ${user}, not github-actions[bot]).`,
      );
      expect(copy.state).toBe('open');
    }
    expect(first.outputs.result).toBe('pending');
  });
});

import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator } from '../support/github-emulator/index.js';
import type { GitHubEmulator } from '../support/github-emulator/index.js';
import { api, parseLinks } from './api-client.js';

const REPO = '/repos/octo-org/shipgate-demo';
const repo = { owner: 'octo-org', repo: 'shipgate-demo' };
let emulator: GitHubEmulator;
let clock: Date;
let octokit: ReturnType<typeof getOctokit>;

beforeEach(async () => {
  clock = new Date('2026-07-01T10:00:00Z');
  emulator = await startGitHubEmulator({ now: () => clock });
  octokit = getOctokit(emulator.token, { baseUrl: emulator.url });
});
afterEach(async () => {
  await emulator.close();
});

/** A GET with optional `If-None-Match`, returning status, ETag and the rate-limit headers. */
async function conditionalGet(path: string, etag?: string) {
  const response = await fetch(`${emulator.url}${path}`, {
    headers: { authorization: `token ${emulator.token}`, ...(etag ? { 'if-none-match': etag } : {}) },
  });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag') ?? undefined,
    used: Number(response.headers.get('x-ratelimit-used')),
    remaining: Number(response.headers.get('x-ratelimit-remaining')),
    text,
  };
}

describe('conditional requests', () => {
  it('answers a matching If-None-Match with 304 that does not count against the rate limit', async () => {
    emulator.seedIssue({ title: 'Approve deploy' });
    const path = `${REPO}/issues/1/comments`;
    const first = await conditionalGet(path);
    expect(first).toMatchObject({ status: 200, used: 1 });
    expect(first.etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    for (let i = 0; i < 5; i++) {
      const again = await conditionalGet(path, first.etag);
      expect(again).toMatchObject({ status: 304, etag: first.etag, used: 1, text: '' });
    }
    expect(emulator.rateLimitUsage().used).toBe(1);
  });

  it('changes the ETag when a comment is added or edited, and counts that request', async () => {
    emulator.seedIssue({ title: 'Approve deploy' });
    const path = `${REPO}/issues/1/comments`;
    const first = await conditionalGet(path);
    const comment = emulator.seedComment({ issueNumber: 1, user: 'alice', body: 'looks bad' });
    const added = await conditionalGet(path, first.etag);
    expect(added.status).toBe(200);
    expect(added.etag).not.toBe(first.etag);
    clock = new Date('2026-07-01T10:01:00Z');
    await api(emulator, 'PATCH', `${REPO}/issues/comments/${comment.id}`, { body: { body: 'approve' } });
    const edited = await conditionalGet(path, added.etag);
    expect(edited.status).toBe(200);
    expect(JSON.parse(edited.text)).toEqual([
      expect.objectContaining({
        body: 'approve',
        created_at: '2026-07-01T10:00:00Z',
        updated_at: '2026-07-01T10:01:00Z',
      }),
    ]);
    expect(emulator.rateLimitUsage().used).toBe(4);
  });

  it('passes 304 through Octokit as an error with status 304', async () => {
    emulator.seedIssue({ title: 'Approve deploy' });
    const first = await octokit.rest.issues.listComments({ ...repo, issue_number: 1 });
    const etag = first.headers.etag;
    expect(etag).toBeDefined();
    await expect(
      octokit.rest.issues.listComments({ ...repo, issue_number: 1, headers: { 'if-none-match': etag } }),
    ).rejects.toMatchObject({ status: 304 });
  });
});

describe('team members', () => {
  it('lists every active member of a large team over pages, filtered by role', async () => {
    for (let i = 0; i < 250; i++)
      emulator.addTeamMember('octo-org', 'sre', `sre-${i}`, i === 0 ? { role: 'maintainer' } : {});
    emulator.addTeamMember('octo-org', 'sre', 'invited', { state: 'pending' });
    const first = await api<unknown[]>(emulator, 'GET', '/orgs/octo-org/teams/sre/members?per_page=100');
    expect(first.body).toHaveLength(100);
    expect(parseLinks(first.headers.get('link')).last).toContain('page=3');
    const all = await octokit.paginate(octokit.rest.teams.listMembersInOrg, {
      org: 'octo-org',
      team_slug: 'sre',
      per_page: 100,
    });
    expect(all.map((u) => u.login)).toHaveLength(250);
    expect(all.map((u) => u.login)).not.toContain('invited');
    const maintainers = await octokit.rest.teams.listMembersInOrg({
      org: 'octo-org',
      team_slug: 'sre',
      role: 'maintainer',
    });
    expect(maintainers.data.map((u) => u.login)).toEqual(['sre-0']);
  });

  it('answers 404 for an unknown team, and drops a removed member', async () => {
    expect((await api(emulator, 'GET', '/orgs/octo-org/teams/nobody/members')).status).toBe(404);
    emulator.addTeamMember('octo-org', 'sec', 'sue');
    emulator.addTeamMember('octo-org', 'sec', 'sam');
    emulator.removeTeamMember('octo-org', 'sec', 'sue');
    const { data } = await octokit.rest.teams.listMembersInOrg({ org: 'octo-org', team_slug: 'sec' });
    expect(data.map((u) => u.login)).toEqual(['sam']);
  });
});

describe('collaborator permission', () => {
  it('reports write access and a 404 once it is taken away', async () => {
    emulator.addCollaborator('alice', 'maintain');
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: 'alice' });
    expect(data).toMatchObject({ permission: 'write', role_name: 'maintain', user: { permissions: { push: true } } });
    emulator.removeCollaborator('alice');
    await expect(
      octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: 'alice' }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe('pull request reviews', () => {
  it('lists seeded reviews and creates reviews as another user', async () => {
    emulator.seedIssue({ title: 'Add feature' });
    emulator.seedReview({ pullNumber: 1, user: 'alice', state: 'APPROVED' });
    emulator.addToken('ghp_bob', 'bob');
    const bob = getOctokit('ghp_bob', { baseUrl: emulator.url });
    clock = new Date('2026-07-01T10:02:00Z');
    await bob.rest.pulls.createReview({ ...repo, pull_number: 1, event: 'REQUEST_CHANGES', body: 'not yet' });
    const { data } = await octokit.rest.pulls.listReviews({ ...repo, pull_number: 1 });
    expect(data.map((r) => [r.user?.login, r.state, r.submitted_at])).toEqual([
      ['alice', 'APPROVED', '2026-07-01T10:00:00Z'],
      ['bob', 'CHANGES_REQUESTED', '2026-07-01T10:02:00Z'],
    ]);
    expect(data[0]?.html_url).toMatch(/\/pull\/1#pullrequestreview-\d+$/);
  });

  it('refuses a review with an unknown event, and 404s an unknown pull request', async () => {
    emulator.seedIssue({ title: 'Add feature' });
    const bad = await api(emulator, 'POST', `${REPO}/pulls/1/reviews`, { body: { event: 'SHIP_IT' } });
    expect(bad.status).toBe(422);
    expect((await api(emulator, 'GET', `${REPO}/pulls/9/reviews`)).status).toBe(404);
  });
});

describe('run approvals', () => {
  it("reports Environments' reviews and what a run still waits for", async () => {
    emulator.seedPendingDeployment({
      runId: 42,
      environment: 'production',
      reviewers: ['alice', 'github-actions[bot]'],
    });
    let pending = await octokit.rest.actions.getPendingDeploymentsForRun({ ...repo, run_id: 42 });
    expect(pending.data).toEqual([
      expect.objectContaining({
        environment: expect.objectContaining({ name: 'production' }),
        current_user_can_approve: true,
        reviewers: [expect.objectContaining({ type: 'User' }), expect.objectContaining({ type: 'User' })],
      }),
    ]);
    emulator.seedRunApproval({
      runId: 42,
      environments: ['production'],
      state: 'approved',
      user: 'alice',
      comment: 'ship it',
    });
    emulator.state.pendingDeployments.length = 0;
    const { data } = await octokit.rest.actions.getReviewsForRun({ ...repo, run_id: 42 });
    expect(data).toEqual([
      expect.objectContaining({
        state: 'approved',
        comment: 'ship it',
        user: expect.objectContaining({ login: 'alice' }),
      }),
    ]);
    pending = await octokit.rest.actions.getPendingDeploymentsForRun({ ...repo, run_id: 42 });
    expect(pending.data).toEqual([]);
  });
});

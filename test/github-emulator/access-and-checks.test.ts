import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator } from '../support/github-emulator/index.js';
import type { GitHubEmulator } from '../support/github-emulator/index.js';
import { api } from './api-client.js';

const repo = { owner: 'octo-org', repo: 'shipgate-demo' };
let emulator: GitHubEmulator;
let octokit: ReturnType<typeof getOctokit>;

beforeEach(async () => {
  emulator = await startGitHubEmulator();
  octokit = getOctokit(emulator.token, { baseUrl: emulator.url });
});
afterEach(async () => {
  await emulator.close();
});

describe('collaborator permission', () => {
  it('reports the role and the legacy permission', async () => {
    emulator.addCollaborator('alice', 'maintain');
    emulator.addCollaborator('carol', 'triage');
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: 'alice' });
    expect(data).toMatchObject({
      permission: 'write',
      role_name: 'maintain',
      user: { login: 'alice', permissions: { admin: false, maintain: true, push: true } },
    });
    const carol = await api<{ permission: string; role_name: string }>(
      emulator,
      'GET',
      '/repos/octo-org/shipgate-demo/collaborators/carol/permission',
    );
    expect(carol.body).toMatchObject({ permission: 'read', role_name: 'triage' });
  });

  it('answers 404 for someone who is not a collaborator', async () => {
    await expect(
      octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: 'mallory' }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe('team membership', () => {
  it('reports an active membership with its role', async () => {
    emulator.addTeamMember('octo-org', 'release-managers', 'bob', { role: 'maintainer' });
    const { data } = await octokit.rest.teams.getMembershipForUserInOrg({
      org: 'octo-org',
      team_slug: 'release-managers',
      username: 'bob',
    });
    expect(data).toMatchObject({ role: 'maintainer', state: 'active' });
    expect(data.url).toContain('/memberships/bob');
  });

  it('answers 404 for a non-member and for an unknown team', async () => {
    emulator.addTeamMember('octo-org', 'release-managers', 'bob');
    const notMember = await api(emulator, 'GET', '/orgs/octo-org/teams/release-managers/memberships/mallory');
    expect(notMember.status).toBe(404);
    await expect(
      octokit.rest.teams.getMembershipForUserInOrg({ org: 'octo-org', team_slug: 'nobody', username: 'bob' }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe('check runs', () => {
  it('creates, updates and gets a check run', async () => {
    const sha = 'c'.repeat(40);
    const { data: created } = await octokit.rest.checks.create({
      ...repo,
      name: 'shipgate/preflight',
      head_sha: sha,
      status: 'in_progress',
    });
    expect(created).toMatchObject({
      name: 'shipgate/preflight',
      head_sha: sha,
      status: 'in_progress',
      conclusion: null,
      app: { slug: 'github-actions' },
    });
    const { data: updated } = await octokit.rest.checks.update({
      ...repo,
      check_run_id: created.id,
      conclusion: 'failure',
      output: {
        title: '2 errors',
        summary: 'See annotations',
        annotations: [{ path: 'a.yml', start_line: 1, end_line: 1, annotation_level: 'failure', message: 'bad' }],
      },
    });
    expect(updated).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { title: '2 errors', summary: 'See annotations', annotations_count: 1 },
    });
    expect(updated.completed_at).not.toBeNull();
    const got = await api<{ conclusion: string; check_suite: { id: number } }>(
      emulator,
      'GET',
      `/repos/octo-org/shipgate-demo/check-runs/${created.id}`,
    );
    expect(got.body.conclusion).toBe('failure');
    const second = await octokit.rest.checks.create({ ...repo, name: 'other', head_sha: sha });
    expect(second.data.check_suite?.id).toBe(got.body.check_suite.id);
  });

  it('requires a conclusion for a completed run', async () => {
    const response = await api(emulator, 'POST', '/repos/octo-org/shipgate-demo/check-runs', {
      body: { name: 'x', head_sha: 'd'.repeat(40), status: 'completed' },
    });
    expect(response.status).toBe(422);
  });
});

describe('the token user', () => {
  it('refuses GET /user for the Actions bot as GitHub does, and serves a person', async () => {
    await expect(octokit.rest.users.getAuthenticated()).rejects.toMatchObject({ status: 403 });
    emulator.addToken('ghp_alice', 'alice');
    const asAlice = getOctokit('ghp_alice', { baseUrl: emulator.url });
    expect((await asAlice.rest.users.getAuthenticated()).data.login).toBe('alice');
    emulator.seedIssue({ title: 'gate' });
    const { data } = await asAlice.rest.issues.createComment({ ...repo, issue_number: 1, body: '/approve' });
    expect(data.user?.login).toBe('alice');
    expect(data.performed_via_github_app).toBeNull();
  });
});

import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator } from '../support/github-emulator/index.js';
import type { GitHubEmulator } from '../support/github-emulator/index.js';
import { api, parseLinks } from './api-client.js';

const REPO = '/repos/octo-org/shipgate-demo';
let emulator: GitHubEmulator;
let clock: Date;
let octokit: ReturnType<typeof getOctokit>;

beforeEach(async () => {
  clock = new Date('2025-03-01T10:00:00Z');
  emulator = await startGitHubEmulator({ now: () => clock });
  octokit = getOctokit(emulator.token, { baseUrl: emulator.url });
});
afterEach(async () => {
  await emulator.close();
});

const repo = { owner: 'octo-org', repo: 'shipgate-demo' };

describe('issues', () => {
  it('creates, gets, updates, closes and reopens an issue through Octokit', async () => {
    const { data: created, status } = await octokit.rest.issues.create({
      ...repo,
      title: 'Approve deploy',
      body: 'Please approve',
      labels: ['deploy'],
    });
    expect(status).toBe(201);
    expect(created).toMatchObject({
      number: 1,
      state: 'open',
      title: 'Approve deploy',
      user: { login: 'github-actions[bot]', type: 'Bot' },
    });
    expect(created.labels).toEqual([expect.objectContaining({ name: 'deploy', color: 'ededed' })]);
    expect(created.html_url).toBe('https://github.com/octo-org/shipgate-demo/issues/1');

    clock = new Date('2025-03-01T10:05:00Z');
    const { data: closed } = await octokit.rest.issues.update({
      ...repo,
      issue_number: 1,
      state: 'closed',
      state_reason: 'not_planned',
      title: 'Denied',
    });
    expect(closed).toMatchObject({
      state: 'closed',
      state_reason: 'not_planned',
      title: 'Denied',
      closed_at: '2025-03-01T10:05:00Z',
      updated_at: '2025-03-01T10:05:00Z',
    });
    expect(closed.closed_by?.login).toBe('github-actions[bot]');

    const { data: reopened } = await octokit.rest.issues.update({ ...repo, issue_number: 1, state: 'open' });
    expect(reopened).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });

    const { data: got } = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    expect(got.title).toBe('Denied');
    expect(emulator.state.issues[0]?.state).toBe('open');
  });

  it('lists issues by state and label over fetch', async () => {
    emulator.seedIssue({ title: 'open one', labels: ['gate'] });
    emulator.seedIssue({ title: 'closed one', state: 'closed', labels: ['gate'] });
    emulator.seedIssue({ title: 'other', labels: ['misc'] });
    const titles = async (query: string): Promise<string[]> =>
      (await api<Array<{ title: string }>>(emulator, 'GET', `${REPO}/issues${query}`)).body.map((i) => i.title);
    expect(await titles('')).toEqual(['other', 'open one']);
    expect(await titles('?state=closed')).toEqual(['closed one']);
    expect(await titles('?state=all&labels=gate')).toEqual(['closed one', 'open one']);
  });

  it('adds and lists labels', async () => {
    emulator.seedIssue({ title: 'x' });
    const added = await api<Array<{ name: string }>>(emulator, 'POST', `${REPO}/issues/1/labels`, {
      body: { labels: ['approved', 'prod'] },
    });
    expect(added.status).toBe(200);
    expect(added.body.map((l) => l.name)).toEqual(['approved', 'prod']);
    const { data } = await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ['Approved', 'extra'] });
    expect(data.map((l) => l.name)).toEqual(['approved', 'prod', 'extra']);
    const { data: listed } = await octokit.rest.issues.listLabelsOnIssue({ ...repo, issue_number: 1 });
    expect(listed.map((l) => l.name)).toEqual(['approved', 'prod', 'extra']);
  });

  it('answers 404 for a missing issue', async () => {
    await expect(octokit.rest.issues.get({ ...repo, issue_number: 99 })).rejects.toMatchObject({ status: 404 });
  });
});

describe('issue comments', () => {
  it('creates, gets and edits a comment; editing moves updated_at', async () => {
    emulator.seedIssue({ title: 'gate' });
    const { data: comment } = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: 1,
      body: 'Waiting for approval',
    });
    expect(comment).toMatchObject({
      body: 'Waiting for approval',
      created_at: '2025-03-01T10:00:00Z',
      author_association: 'NONE',
    });
    expect(comment.issue_url).toBe(`${emulator.url}${REPO}/issues/1`);

    clock = new Date('2025-03-01T10:02:00Z');
    const edited = await api<{ body: string; updated_at: string; created_at: string }>(
      emulator,
      'PATCH',
      `${REPO}/issues/comments/${comment.id}`,
      { body: { body: 'Approved by @alice' } },
    );
    expect(edited.body).toMatchObject({
      body: 'Approved by @alice',
      created_at: '2025-03-01T10:00:00Z',
      updated_at: '2025-03-01T10:02:00Z',
    });
    const { data: got } = await octokit.rest.issues.getComment({ ...repo, comment_id: comment.id });
    expect(got.body).toBe('Approved by @alice');
    expect((await octokit.rest.issues.get({ ...repo, issue_number: 1 })).data.comments).toBe(1);
  });

  it('filters by `since` on updated_at (inclusive)', async () => {
    emulator.addCollaborator('alice', 'write');
    emulator.seedIssue({ title: 'gate' });
    emulator.seedComment({ issueNumber: 1, user: 'bob', body: 'old', createdAt: '2025-03-01T09:00:00Z' });
    emulator.seedComment({
      issueNumber: 1,
      user: 'alice',
      body: 'edited later',
      createdAt: '2025-03-01T09:00:00Z',
      updatedAt: '2025-03-01T09:30:00Z',
    });
    emulator.seedComment({ issueNumber: 1, user: 'alice', body: 'new', createdAt: '2025-03-01T09:45:00Z' });
    const { data } = await octokit.rest.issues.listComments({
      ...repo,
      issue_number: 1,
      since: '2025-03-01T09:30:00Z',
    });
    expect(data.map((c) => c.body)).toEqual(['edited later', 'new']);
    expect(data[0]?.author_association).toBe('COLLABORATOR');
  });

  it('paginates across three pages with correct Link headers', async () => {
    emulator.seedIssue({ title: 'gate' });
    for (let i = 1; i <= 7; i += 1) emulator.seedComment({ issueNumber: 1, user: 'bob', body: `comment ${i}` });
    const path = `${REPO}/issues/1/comments?per_page=3`;
    const first = await api<Array<{ body: string }>>(emulator, 'GET', path);
    const firstLinks = parseLinks(first.headers.get('link'));
    expect(first.body.map((c) => c.body)).toEqual(['comment 1', 'comment 2', 'comment 3']);
    expect(firstLinks).toEqual({ next: `${emulator.url}${path}&page=2`, last: `${emulator.url}${path}&page=3` });

    const second = await api<Array<{ body: string }>>(emulator, 'GET', `${path}&page=2`);
    expect(parseLinks(second.headers.get('link'))).toEqual({
      prev: `${emulator.url}${path}&page=1`,
      next: `${emulator.url}${path}&page=3`,
      last: `${emulator.url}${path}&page=3`,
      first: `${emulator.url}${path}&page=1`,
    });
    const third = await api<Array<{ body: string }>>(emulator, 'GET', `${path}&page=3`);
    expect(third.body.map((c) => c.body)).toEqual(['comment 7']);
    expect(Object.keys(parseLinks(third.headers.get('link')))).toEqual(['prev', 'first']);

    const all = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: 1, per_page: 3 });
    expect(all).toHaveLength(7);
    expect(
      emulator.requests.filter((r) => r.path === `${REPO}/issues/1/comments` && r.query.per_page === '3'),
    ).toHaveLength(6);
  });

  it('clamps per_page to 100 and defaults to 30', async () => {
    emulator.seedIssue({ title: 'gate' });
    for (let i = 0; i < 31; i += 1) emulator.seedComment({ issueNumber: 1, user: 'bob', body: `c${i}` });
    expect((await api<unknown[]>(emulator, 'GET', `${REPO}/issues/1/comments`)).body).toHaveLength(30);
    expect((await api<unknown[]>(emulator, 'GET', `${REPO}/issues/1/comments?per_page=500`)).body).toHaveLength(31);
  });
});

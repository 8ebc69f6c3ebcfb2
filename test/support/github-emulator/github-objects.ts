/**
 * Building blocks of GitHub's response objects: users, apps, labels, timestamps, node ids. Kept faithful to
 * what api.github.com sends, because every response is checked against GitHub's OpenAPI description.
 */
import type { EmulatorState, LabelRecord, RepoRecord, UserRecord } from './state.js';

/** Where links in response bodies point: API links at the emulator, web links at `html`. */
export interface Urls {
  /** The emulator's base URL (what goes in `GITHUB_API_URL`), without a trailing slash. */
  api: string;
  /** The web host, `https://github.com` unless configured. */
  html: string;
}

/** GitHub's timestamp format: ISO 8601, UTC, whole seconds. */
export function isoTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A legacy global node id (`base64("<len>:<Type><id>")`), the form GitHub still returns for older objects. */
export function nodeId(type: string, id: number): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
}

/** `/repos/{owner}/{repo}` under the API URL. */
export function repoApiUrl(urls: Urls, repo: RepoRecord): string {
  return `${urls.api}/repos/${repo.owner}/${repo.name}`;
}

/** A `simple-user` object. */
export function renderUser(urls: Urls, user: UserRecord): Record<string, unknown> {
  const login = encodeURIComponent(user.login);
  const api = `${urls.api}/users/${login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Bot' ? 'Bot' : user.type, user.id),
    avatar_url: `https://avatars.githubusercontent.com/${user.type === 'Bot' ? 'in' : 'u'}/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: user.type === 'Bot' ? `${urls.html}/apps/${login.replace(/%5Bbot%5D$/, '')}` : `${urls.html}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** The user by login, rendered; `null` for an unknown login is never needed because `state.user` creates. */
export function renderLogin(urls: Urls, state: EmulatorState, login: string): Record<string, unknown> {
  return renderUser(urls, state.user(login));
}

/**
 * The GitHub Actions app: what `performed_via_github_app` and a check run's `app` hold for work done with a
 * workflow's `GITHUB_TOKEN`.
 */
export function renderActionsApp(urls: Urls): Record<string, unknown> {
  return {
    id: 15368,
    slug: 'github-actions',
    node_id: 'MDM6QXBwMTUzNjg=',
    client_id: 'Iv1.05c79e9ad1f6bdfa',
    owner: renderUser(urls, { login: 'github', id: 9919, type: 'Organization', name: 'GitHub' }),
    name: 'GitHub Actions',
    description: 'Automate your workflow from idea to production',
    external_url: 'https://help.github.com/en/actions',
    html_url: `${urls.html}/apps/github-actions`,
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2024-04-10T20:33:16Z',
    permissions: {
      actions: 'write',
      checks: 'write',
      contents: 'write',
      deployments: 'write',
      issues: 'write',
      metadata: 'read',
      pull_requests: 'write',
      statuses: 'write',
    },
    events: [
      'branch_protection_rule',
      'check_run',
      'check_suite',
      'deployment',
      'deployment_status',
      'issue_comment',
      'issues',
      'pull_request',
      'push',
    ],
  };
}

/** The app behind a record's creator: the Actions app for bots (a `GITHUB_TOKEN`), none for people. */
export function appFor(urls: Urls, state: EmulatorState, login: string): Record<string, unknown> | null {
  return state.user(login).type === 'Bot' ? renderActionsApp(urls) : null;
}

/** A `label` object. */
export function renderLabel(urls: Urls, repo: RepoRecord, label: LabelRecord): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: `${repoApiUrl(urls, repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: label.default,
  };
}

/** An empty `reaction-rollup` for an issue or comment URL. */
export function renderReactions(url: string): Record<string, unknown> {
  return {
    url: `${url}/reactions`,
    total_count: 0,
    '+1': 0,
    '-1': 0,
    laugh: 0,
    confused: 0,
    heart: 0,
    hooray: 0,
    eyes: 0,
    rocket: 0,
  };
}

/** How a user relates to a repository, as GitHub's `author_association` says. */
export function authorAssociation(state: EmulatorState, repo: RepoRecord, login: string): string {
  if (login === repo.owner) return 'OWNER';
  if (state.collaborators.get(repo.fullName)?.has(login)) return 'COLLABORATOR';
  return 'NONE';
}

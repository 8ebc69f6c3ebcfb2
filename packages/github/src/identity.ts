import { HttpError } from '@shipgate/core';
import type { GitHubClient } from './client.js';

/** The login GitHub shows as the creator of what a workflow's own `GITHUB_TOKEN` writes. */
export const WORKFLOW_TOKEN_LOGIN = 'github-actions[bot]';

/**
 * Who the token acts as: the user's login for a personal token; for an installation token (a workflow's
 * `GITHUB_TOKEN`), which GitHub refuses at `GET /user` with 403, the login the records it writes carry.
 * Another app's token is also refused there, so a workflow that writes with one names its bot login itself.
 */
export async function tokenIdentity(client: GitHubClient): Promise<string> {
  try {
    const { data } = await client.request('GET /user');
    return data.login;
  } catch (error) {
    if (error instanceof HttpError && error.status === 403) return WORKFLOW_TOKEN_LOGIN;
    throw error;
  }
}

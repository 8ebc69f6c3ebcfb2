import { ShipgateError } from '@shipgate/kit';
import type { GitHubClient } from '@shipgate/github';
import { readMarker, requestBody, requestTitle, type RequestFacts } from './request-text.js';

/** Where the request lives and what it recorded. */
export interface PostedRequest {
  number: number;
  url: string;
  kind: 'issue' | 'pull-request';
  /** ISO time the request was posted: votes written before it do not count. */
  createdAt: string;
  actor: string;
  sha: string;
  commitAuthor: string | undefined;
  /** The version and environment the request asked for (undefined in requests from before they were recorded). */
  version: string | undefined;
  environment: string | undefined;
}

type Repo = { owner: string; repo: string };

/** Opens the request: a new issue, or a comment on the pull request. */
export async function postRequest(
  client: GitHubClient,
  repo: Repo,
  facts: RequestFacts,
  pullNumber: number | undefined,
): Promise<PostedRequest> {
  const body = requestBody(facts);
  const base = {
    actor: facts.actor,
    sha: facts.sha,
    commitAuthor: facts.commitAuthor,
    version: facts.version,
    environment: facts.environment,
  };
  if (pullNumber !== undefined) {
    const { data } = await client.rest.issues.createComment({ ...repo, issue_number: pullNumber, body });
    return { ...base, number: pullNumber, url: data.html_url, kind: 'pull-request', createdAt: data.created_at };
  }
  const { data } = await client.rest.issues.create({ ...repo, title: requestTitle(facts), body });
  return { ...base, number: data.number, url: data.html_url, kind: 'issue', createdAt: data.created_at };
}

/**
 * An earlier issue request, for the second half of pending mode. Only an issue that `self` (the token's own
 * identity: github-actions[bot] for a workflow's GITHUB_TOKEN) opened counts, and it must still be open: a request
 * someone else wrote, another app's bot included, could name any actor and any commit.
 */
export async function loadRequest(
  client: GitHubClient,
  repo: Repo,
  number: number,
  self: string,
): Promise<PostedRequest> {
  const { data } = await client.rest.issues.get({ ...repo, issue_number: number });
  const marker = readMarker(data.body ?? '');
  const author = data.user?.login;
  if (!marker || author !== self || data.pull_request !== undefined)
    throw new ShipgateError(
      `Issue #${number} is not an approval request opened by this gate (opened by ${author ?? 'unknown'}, not ${self}).`,
      {
        hint: 'Pass request: the number of the issue an earlier approval-gate run with mode: pending opened, with the same token.',
      },
    );
  if (data.state !== 'open')
    throw new ShipgateError(`The approval request #${number} is closed already: it was decided before.`, {
      hint: 'Start a new request (run the gate without request).',
    });
  return { ...marker, number, url: data.html_url, kind: 'issue', createdAt: data.created_at };
}

/** Writes the outcome on the request, and closes an issue the gate opened (left open only while pending). */
export async function settleRequest(
  client: GitHubClient,
  repo: Repo,
  request: Pick<PostedRequest, 'number' | 'kind'>,
  note: string,
  outcome: 'approved' | 'not-approved',
): Promise<void> {
  await client.rest.issues.createComment({ ...repo, issue_number: request.number, body: note });
  if (request.kind === 'issue')
    await client.rest.issues.update({
      ...repo,
      issue_number: request.number,
      state: 'closed',
      state_reason: outcome === 'approved' ? 'completed' : 'not_planned',
    });
}

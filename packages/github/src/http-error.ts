/**
 * Turns a classified failure into the kit's `HttpError`, with a hint that says what to do about it.
 */
import { HttpError } from '@shipgate/core';
import { describePermissions } from './failure.js';
import type { Failure, OctokitFailure } from './failure.js';

/** Where and how often a request was tried, for the message. */
export interface FailureContext {
  /** `METHOD /route/template`, e.g. `POST /repos/{owner}/{repo}/deployments`. */
  what: string;
  baseUrl: string;
  attempts: number;
  /** Set when GitHub asked us to wait longer than the policy allows. */
  maxRetryAfterSeconds?: number;
}

/** The error that leaves the adapter for a failed request. */
export function toHttpError(failure: OctokitFailure, classified: Failure, context: FailureContext): HttpError {
  const url = failure.response?.url || failure.request?.url || context.baseUrl;
  const tries = context.attempts > 1 ? ` after ${context.attempts} attempts` : '';
  switch (classified.kind) {
    case 'network':
      return new HttpError(0, url, `GitHub API ${context.what} got no response${tries}: ${classified.message}`, {
        cause: failure,
        retryable: true,
        hint: `Check that ${context.baseUrl} is the right API URL (GITHUB_API_URL) and is reachable from the runner, including any proxy settings.`,
      });
    case 'server':
      return new HttpError(classified.status, url, `GitHub API ${context.what} failed${tries}: ${classified.message}`, {
        cause: failure,
        retryable: true,
        hint: 'GitHub had a server error; these are usually brief. Re-run the job, and see https://www.githubstatus.com if it persists.',
      });
    case 'rate-limit':
      return rateLimitError(failure, classified, context, url, tries);
    case 'client':
      return new HttpError(classified.status, url, `GitHub API ${context.what} failed: ${classified.message}`, {
        cause: failure,
        retryable: false,
        hint: clientHint(classified, context),
      });
    default:
      throw new Error(`Unhandled failure kind: ${JSON.stringify(classified satisfies never)}`);
  }
}

function rateLimitError(
  failure: OctokitFailure,
  classified: Extract<Failure, { kind: 'rate-limit' }>,
  context: FailureContext,
  url: string,
  tries: string,
): HttpError {
  const when = classified.resetsAt ? ` (at ${classified.resetsAt.toISOString()})` : '';
  const tooLong = context.maxRetryAfterSeconds !== undefined;
  const message = tooLong
    ? `GitHub API ${context.what} was rate limited and asked us to wait ${classified.waitSeconds}s${when}, longer than the ${context.maxRetryAfterSeconds}s we may wait: ${classified.message}`
    : `GitHub API ${context.what} was still rate limited${tries}: ${classified.message}`;
  return new HttpError(classified.status, url, message, {
    cause: failure,
    retryable: true,
    retryAfterSeconds: classified.waitSeconds,
    hint: `Re-run the job after ${classified.waitSeconds}s${when}, make fewer API calls (longer polling intervals), or raise retry.maxRetryAfterSeconds.`,
  });
}

function clientHint(classified: Extract<Failure, { kind: 'client' }>, context: FailureContext): string | undefined {
  switch (classified.status) {
    case 401:
      return `Check the token: it is missing, expired or revoked, or it was issued for another GitHub host than ${context.baseUrl}. In a workflow, pass \`token: \${{ github.token }}\` or a token stored as a secret.`;
    case 403:
      if (classified.acceptedPermissions) {
        return `The token lacks a permission: this call needs ${describePermissions(classified.acceptedPermissions)}. Add it to the job's \`permissions:\` block (or to the token's scopes).`;
      }
      return "The token lacks a permission this call needs. Check the job's `permissions:` block (or the token's scopes and repository access).";
    case 404:
      return "The repository or resource was not found, or the token cannot see it: a workflow's GITHUB_TOKEN reaches only its own repository, and a fine-grained token only the repositories it was granted.";
    case 409:
      return "The request conflicts with the resource's state; for a deployment, the commit's required status checks have not all passed.";
    case 422:
      return 'GitHub rejected a value in the request; the message above says which.';
    default:
      return undefined;
  }
}

/** The GitHub adapter: an Octokit client with retries, typed errors and pagination helpers. */
export { createGitHubClient } from './client.js';
export type { GitHubClient, GitHubClientOptions, Octokit } from './client.js';
export { classifyFailure } from './failure.js';
export type { Failure } from './failure.js';
export { findInPages, takeFromPages } from './pagination.js';
export type { Page } from './pagination.js';
export { backoffDelayMs, DEFAULT_RETRY_POLICY, resolveRetryPolicy } from './retry-policy.js';
export type { RetryPolicy } from './retry-policy.js';
export { GitHubDeploymentStore } from './deployments.js';

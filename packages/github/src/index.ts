/** The GitHub adapter: an Octokit client with retries, typed errors and pagination helpers. */
export { createGitHubClient } from './client.js';
export type { GitHubClient, GitHubClientOptions, Octokit } from './client.js';
export { findInPages, takeFromPages } from './pagination.js';
export type { Page } from './pagination.js';
export type { RetryPolicy } from './retry-policy.js';
export { GitHubDeploymentStore } from './deployments.js';
export { tokenIdentity, WORKFLOW_TOKEN_LOGIN } from './identity.js';

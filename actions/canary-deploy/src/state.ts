/** What the main step leaves for its post step (`GITHUB_STATE`). */
export const State = {
  /** Set before traffic first moves. */
  Started: 'rollout-started',
  /** Set when the main step ended the rollout itself (promoted, rolled back, or left by policy). */
  Finished: 'rollout-finished',
  /** The GitHub Deployment to mark when the post step has to clean up. */
  DeploymentId: 'deployment-id',
} as const;

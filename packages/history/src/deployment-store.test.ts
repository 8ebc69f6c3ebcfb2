import { describe, expect, it } from 'vitest';
import { currentDeployment, statusDescription, type DeploymentRecord } from './deployment-store.js';

const record = (id: number, version: string, state: DeploymentRecord['state']): DeploymentRecord => ({
  id,
  environment: 'production',
  ref: version,
  task: 'deploy',
  version,
  payload: {},
  createdAt: '',
  state,
});

describe('currentDeployment', () => {
  it('is the newest success or in-progress deployment', () => {
    expect(
      currentDeployment([record(4, 'v4', 'failure'), record(3, 'v3', 'in_progress'), record(2, 'v2', 'success')])
        ?.version,
    ).toBe('v3');
    expect(currentDeployment([record(1, 'v1', 'failure')])).toBeUndefined();
  });
});

describe('statusDescription', () => {
  it("keeps within GitHub's 140 characters", () => {
    expect(statusDescription('x'.repeat(200))).toHaveLength(140);
    expect(statusDescription('short')).toBe('short');
  });
});

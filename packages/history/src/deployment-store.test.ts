import { describe, expect, it } from 'vitest';
import { currentDeployment, lastGoodDeployment, statusDescription, type DeploymentRecord } from './deployment-store.js';

const record = (id: number, version: string, state: DeploymentRecord['state']): DeploymentRecord => ({ id, environment: 'production', ref: version, task: 'deploy', version, payload: {}, createdAt: '', state });

describe('currentDeployment', () => {
  it('is the newest success or in-progress deployment', () => {
    expect(currentDeployment([record(4, 'v4', 'failure'), record(3, 'v3', 'in_progress'), record(2, 'v2', 'success')])?.version).toBe('v3');
    expect(currentDeployment([record(1, 'v1', 'failure')])).toBeUndefined();
  });
});

describe('lastGoodDeployment', () => {
  it('is the newest success of another version', () => {
    const history = [record(4, 'v3', 'success'), record(3, 'v3', 'success'), record(2, 'v2', 'failure'), record(1, 'v1', 'success')];
    expect(lastGoodDeployment(history, 'v3')?.id).toBe(1);
  });
});

describe('statusDescription', () => {
  it('keeps within GitHub\'s 140 characters', () => {
    expect(statusDescription('x'.repeat(200))).toHaveLength(140);
    expect(statusDescription('short')).toBe('short');
  });
});

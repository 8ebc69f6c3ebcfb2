import { describe, expect, it } from 'vitest';
import type { DeploymentRecord } from './deployment-store.js';
import { planRollback } from './rollback-plan.js';

let id = 100;
const d = (
  version: string,
  state: DeploymentRecord['state'],
  task = 'deploy:canary',
  ref = `sha-${version}-0000000`,
): DeploymentRecord => ({ id: id--, environment: 'production', ref, task, version, payload: {}, createdAt: '', state });
const plan = (history: DeploymentRecord[], to?: string, force = false) =>
  planRollback(history, { environment: 'production', force, ...(to ? { to } : {}) });

describe('planRollback', () => {
  it('goes to the newest success of another version, past failures', () => {
    const history = [d('v4', 'success'), d('v3', 'failure'), d('v2', 'success'), d('v1', 'success')];
    const p = plan(history);
    expect(p).toMatchObject({ kind: 'rollback', current: { version: 'v4' }, target: { version: 'v2' } });
  });

  it('is a no-op right after a failed canary: its traffic is already back on the version that serves', () => {
    const history = [d('v3', 'failure'), d('v2', 'success'), d('v1', 'success')];
    expect(plan(history)).toMatchObject({ kind: 'noop', current: { version: 'v2' } });
    expect(plan(history).reason).toMatch(
      /^The newest rollout \(v3, deployment \d+\) failed and its traffic went back to v2/,
    );
    expect(plan(history, 'v1')).toMatchObject({ kind: 'rollback', target: { version: 'v1' } });
  });

  it('never takes an unfinished or failed rollback as the current version', () => {
    const history = [
      d('v1', 'in_progress', 'rollback'),
      d('v1', 'failure', 'rollback'),
      d('v2', 'success'),
      d('v1', 'success'),
    ];
    expect(plan(history)).toMatchObject({ kind: 'rollback', current: { version: 'v2' }, target: { version: 'v1' } });
  });

  it('skips older deployments of the current version', () => {
    const history = [d('v3', 'success'), d('v3', 'success'), d('v2', 'success')];
    expect(plan(history)).toMatchObject({ target: { version: 'v2' } });
  });

  it('treats an in-progress deployment as current', () => {
    expect(plan([d('v3', 'in_progress'), d('v2', 'success')])).toMatchObject({
      current: { version: 'v3' },
      target: { version: 'v2' },
    });
  });

  it('is a no-op right after a rollback, never going two versions back', () => {
    // v3 was rolled back to v2: v3 is failure, the rollback deployment of v2 is current.
    const history = [d('v2', 'success', 'rollback'), d('v3', 'failure'), d('v2', 'success'), d('v1', 'success')];
    const p = plan(history);
    expect(p.kind).toBe('noop');
    expect(p.reason).toMatch(/^The current version v2 was put back by a rollback/);
  });

  it('after a rollback and a new deploy, goes back to the rolled-back-to version', () => {
    const history = [d('v4', 'success'), d('v2', 'success', 'rollback'), d('v3', 'failure'), d('v2', 'success')];
    expect(plan(history)).toMatchObject({ kind: 'rollback', target: { version: 'v2', task: 'rollback' } });
  });

  it('finds `to` by version or SHA prefix, refuses an unknown one unless forced', () => {
    const history = [d('v3', 'success'), d('v2', 'success', 'deploy', 'abcdef1234567'), d('v1', 'success')];
    expect(plan(history, 'v1')).toMatchObject({ target: { version: 'v1' } });
    expect(plan(history, 'abcdef1')).toMatchObject({ target: { version: 'v2' } });
    expect(plan(history, 'v3').kind).toBe('noop');
    expect(() => plan(history, 'v9')).toThrow(
      /^Input 'to' has an invalid value "v9": expected a version with a successful deployment in production \(v3, v2, v1\)\.$/,
    );
    expect(plan(history, 'v9', true)).toMatchObject({ kind: 'rollback', target: { version: 'v9', forced: true } });
  });

  it('says there is nothing to roll back to without history, or without another good version', () => {
    expect(() => plan([])).toThrow(/has no deployments, so there is no version to roll back to/);
    expect(() => plan([d('v1', 'success'), d('v0', 'failure')])).toThrow(
      /No earlier successful deployment of another version in 'production' \(current: v1\)/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { checkPromotion, judgeEnvironment } from './promotion.js';
import { FakePromotionHistory, promotionRecord } from './testing/index.js';

const SHA = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);
const NOW = Date.parse('2026-07-01T12:00:00Z');
const HOUR = 3_600_000;
const candidate = { sha: SHA, version: 'v1.2.0' };

describe('judgeEnvironment', () => {
  it('passes when the version succeeded there', () => {
    const result = judgeEnvironment(
      'staging',
      [promotionRecord({ id: 7, version: 'v1.2.0', createdAt: NOW - HOUR })],
      candidate,
      0,
      NOW,
    );
    expect(result).toEqual({
      environment: 'staging',
      ok: true,
      deploymentId: 7,
      reason: 'v1.2.0 succeeded in staging (deployment 7)',
    });
  });

  it('matches the commit SHA when no version is given', () => {
    const records = [promotionRecord({ id: 3, ref: SHA, version: 'v0.9' })];
    expect(judgeEnvironment('staging', records, { sha: SHA, version: undefined }, 0, NOW).ok).toBe(true);
  });

  it('blocks without a success there: none, only other versions, failed or in progress', () => {
    const records = [
      promotionRecord({ id: 4, ref: OTHER, version: 'v1.1.0' }),
      promotionRecord({ id: 3, ref: SHA, version: 'v1.2.0', state: 'failure' }),
      promotionRecord({ id: 2, ref: SHA, version: 'v1.2.0', state: 'in_progress' }),
    ];
    expect(judgeEnvironment('staging', records, candidate, 0, NOW)).toMatchObject({
      ok: false,
      reason: 'v1.2.0 has no successful deployment to staging',
    });
    expect(judgeEnvironment('staging', [], candidate, 0, NOW).ok).toBe(false);
  });

  it('blocks when a later deployment of the version failed', () => {
    const records = [
      promotionRecord({ id: 9, version: 'v1.2.0', state: 'failure' }),
      promotionRecord({ id: 8, version: 'v1.2.0', state: 'success' }),
    ];
    expect(judgeEnvironment('staging', records, candidate, 0, NOW).reason).toBe(
      'v1.2.0 succeeded in staging (deployment 8) but failed later (deployment 9, failure)',
    );
  });

  it('blocks when the version was rolled back later, but not for a rollback of another version', () => {
    const rolledBack = [
      promotionRecord({ id: 9, task: 'rollback', ref: OTHER, version: 'v1.1.0', rolledBackFrom: 'v1.2.0' }),
      promotionRecord({ id: 8, version: 'v1.2.0' }),
    ];
    expect(judgeEnvironment('staging', rolledBack, candidate, 0, NOW).reason).toBe(
      'v1.2.0 succeeded in staging (deployment 8) but rolled back by deployment 9',
    );
    const other = [
      promotionRecord({ id: 9, task: 'rollback', ref: OTHER, version: 'v1.0.0', rolledBackFrom: 'v1.1.0' }),
      ...rolledBack.slice(1),
    ];
    expect(judgeEnvironment('staging', other, candidate, 0, NOW).ok).toBe(true);
  });

  it('does not take a rollback to the version as its promotion', () => {
    const records = [promotionRecord({ id: 9, task: 'rollback', version: 'v1.2.0' })];
    expect(judgeEnvironment('staging', records, candidate, 0, NOW).ok).toBe(false);
  });

  it('waits for the soak time from the success status', () => {
    const records = [
      promotionRecord({ id: 8, version: 'v1.2.0', createdAt: NOW - 3 * HOUR, stateAt: NOW - 30 * 60_000 }),
    ];
    expect(judgeEnvironment('staging', records, candidate, HOUR, NOW)).toMatchObject({
      ok: false,
      reason: 'v1.2.0 has run in staging for 30m of the 1h soak time (deployment 8)',
    });
    expect(judgeEnvironment('staging', records, candidate, HOUR, NOW + 30 * 60_000)).toMatchObject({
      ok: true,
      reason: 'v1.2.0 succeeded in staging for 1h (soak 1h) (deployment 8)',
    });
  });
});

describe('checkPromotion', () => {
  it('skips when no environment is required', async () => {
    expect(await checkPromotion(new FakePromotionHistory(), [], candidate, 0, NOW)).toMatchObject({
      status: 'skipped',
    });
  });

  it('needs every environment, and names the ones that fail', async () => {
    const history = new FakePromotionHistory({ staging: [promotionRecord({ id: 1, version: 'v1.2.0' })] });
    const result = await checkPromotion(history, ['staging', 'qa'], candidate, 0, NOW);
    expect(result.status).toBe('blocked');
    expect(result.reason).toBe('v1.2.0 has no successful deployment to qa.');
    expect(result.environments.map((e) => e.ok)).toEqual([true, false]);
    const passed = await checkPromotion(history, ['staging'], candidate, 0, NOW);
    expect(passed).toMatchObject({ status: 'passed', reason: 'v1.2.0 succeeded in staging (deployment 1).' });
  });
});

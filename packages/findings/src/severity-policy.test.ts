import { describe, expect, it } from 'vitest';
import { aFinding } from './testing/index.js';
import { decide, describeBreach, policyFor, tryFailOn } from './severity-policy.js';
import type { Severity } from './finding.js';

const many = (severity: Severity, n: number) =>
  Array.from({ length: n }, (_, i) => aFinding({ severity, fingerprint: `${severity}-${i}` }));

describe('policyFor', () => {
  it('uses the environment table: critical 2/1/0, high 10/7/5', () => {
    expect(policyFor('development').limits).toEqual({ critical: 2, high: 10 });
    expect(policyFor('staging').limits).toEqual({ critical: 1, high: 7 });
    expect(policyFor('production').limits).toEqual({ critical: 0, high: 5 });
  });

  it('gives an unknown environment production limits, and applies overrides', () => {
    expect(policyFor('qa-7').limits).toEqual({ critical: 0, high: 5 });
    expect(policyFor('staging', { limits: { high: 0 }, failOn: 'medium' })).toEqual({
      limits: { critical: 1, high: 0 },
      failOn: 'medium',
    });
  });
});

describe('decide', () => {
  it('passes at the limits and fails one past them, in each environment', () => {
    for (const [environment, critical, high] of [
      ['development', 2, 10],
      ['staging', 1, 7],
      ['production', 0, 5],
    ] as const) {
      const policy = policyFor(environment);
      expect(decide([...many('critical', critical), ...many('high', high)], policy).result).toBe('pass');
      expect(decide(many('critical', critical + 1), policy)).toMatchObject({
        result: 'fail',
        breaches: [{ severity: 'critical', count: critical + 1, limit: critical }],
      });
      expect(decide(many('high', high + 1), policy).breaches).toEqual([
        { severity: 'high', count: high + 1, limit: high },
      ]);
    }
  });

  it('reports but never fails on severities below fail-on', () => {
    const decision = decide(many('medium', 50), policyFor('production'));
    expect(decision).toMatchObject({ result: 'pass', breaches: [] });
    expect(decision.counts).toEqual({ critical: 0, high: 0, medium: 50, low: 0, info: 0 });
  });

  it('fails on any finding at or above fail-on that has no limit', () => {
    const policy = policyFor('production', { failOn: 'low' });
    expect(decide(many('low', 1), policy).breaches).toEqual([{ severity: 'low', count: 1, limit: 0 }]);
    expect(decide(many('info', 3), policy).result).toBe('pass');
  });

  it('never fails with fail-on never', () => {
    expect(decide(many('critical', 9), policyFor('production', { failOn: 'never' })).result).toBe('pass');
  });

  it('lists breaches most severe first, with a sentence for each', () => {
    const decision = decide([...many('high', 6), ...many('critical', 1)], policyFor('production'));
    expect(decision.breaches.map(describeBreach)).toEqual([
      '1 critical finding (at most 0 allowed)',
      '6 high findings (at most 5 allowed)',
    ]);
  });
});

describe('tryFailOn', () => {
  it('accepts severities and never, case-insensitively', () => {
    expect(tryFailOn('High')).toBe('high');
    expect(tryFailOn('never')).toBe('never');
    expect(tryFailOn('error')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { aFinding } from './testing/index.js';
import { CRITICAL_CAP, readinessOf, subscoreOf, topFixes } from './readiness.js';

describe('subscoreOf', () => {
  it('takes a penalty per finding by severity and never goes below 0', () => {
    expect(subscoreOf([])).toBe(100);
    expect(subscoreOf([aFinding({ severity: 'high' }), aFinding({ severity: 'medium' })])).toBe(67);
    expect(subscoreOf([aFinding({ severity: 'info' })])).toBe(100);
    expect(subscoreOf(Array.from({ length: 9 }, () => aFinding({ severity: 'high' })))).toBe(0);
  });
});

describe('readinessOf', () => {
  it('is the weighted mean of the subscores', () => {
    const readiness = readinessOf([
      { name: 'kubernetes', weight: 3, findings: [] },
      { name: 'env', weight: 1, findings: [aFinding({ severity: 'high' })] },
    ]);
    expect(readiness.score).toBe(Math.round((3 * 100 + 75) / 4));
    expect(readiness.categories.map((c) => [c.name, c.subscore, c.findings])).toEqual([
      ['kubernetes', 100, 0],
      ['env', 75, 1],
    ]);
    expect(readiness.capped).toBe(false);
  });

  it('caps the score when any finding is critical, however good the rest', () => {
    const readiness = readinessOf([
      { name: 'kubernetes', weight: 10, findings: [] },
      { name: 'build', weight: 1, findings: [aFinding({ severity: 'critical' })] },
    ]);
    expect(readiness.score).toBe(CRITICAL_CAP);
    expect(readiness.capped).toBe(true);
  });

  it('is 100 when nothing ran', () => {
    expect(readinessOf([]).score).toBe(100);
  });
});

describe('topFixes', () => {
  it('ranks rules by how much fixing them raises the score, at most three', () => {
    const categories = [
      {
        name: 'env',
        weight: 1,
        findings: [
          aFinding({ ruleId: 'env/missing-key', severity: 'high' }),
          aFinding({ ruleId: 'env/missing-key', severity: 'high', location: { file: '.env', line: 2 } }),
          aFinding({ ruleId: 'env/undocumented-key', severity: 'low' }),
        ],
      },
      { name: 'build', weight: 1, findings: [aFinding({ ruleId: 'build/tsc', severity: 'critical' })] },
      { name: 'compose', weight: 1, findings: [aFinding({ ruleId: 'compose/x', severity: 'medium' })] },
    ];
    const fixes = topFixes(categories);
    expect(fixes.map((f) => f.ruleId)).toEqual(['build/tsc', 'env/missing-key', 'compose/x']);
    expect(fixes[0]?.gain).toBeGreaterThan(fixes[1]?.gain ?? 0);
    expect(fixes[1]?.findings).toBe(2);
  });
});

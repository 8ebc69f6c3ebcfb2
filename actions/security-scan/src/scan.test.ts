import { describe, expect, it } from 'vitest';
import { policyFor, type Finding } from '@shipgate/findings';
import { aFinding } from '@shipgate/findings/testing';
import { scan } from './scan.js';
import type { Scanner, ScanScope } from './scanner.js';

const at = (file: string, line: number, overrides: Partial<Finding> = {}): Finding =>
  aFinding({ location: { file, line }, fingerprint: `fp-${file}-${line}`, ...overrides });

function scanner(name: Scanner['name'], findings: Finding[], incomplete?: string[]): Scanner {
  return { name, describe: () => name, scan: async () => ({ findings, ...(incomplete ? { incomplete } : {}) }) };
}

/** A pull-request-like scope: line 2 of a.ts was added. */
const scope: ScanScope = {
  mode: 'pull-request',
  files: [{ path: 'a.ts' }],
  read: async () => '',
  covers: (f) => f.location?.file === 'a.ts' && f.location.line === 2,
};

describe('scan', () => {
  it('keeps the findings the scope covers, applies the baseline, and decides by the policy', async () => {
    const findings = [
      at('a.ts', 1, { severity: 'critical' }),
      at('a.ts', 2, { severity: 'critical' }),
      at('a.ts', 2, { severity: 'high', ruleId: 'other', fingerprint: 'accepted' }),
    ];
    const outcome = await scan([scanner('secrets', findings)], scope, policyFor('production'), {
      entries: [{ fingerprint: 'accepted' }, { fingerprint: 'gone' }],
    });
    expect(outcome.findings.map((f) => [f.location?.line, f.severity])).toEqual([[2, 'critical']]);
    expect(outcome.suppressed.map((f) => f.fingerprint)).toEqual(['accepted']);
    // A pull request scans part of the tree: an unmatched entry is not stale there.
    expect(outcome.stale).toEqual([]);
    const full = await scan([scanner('secrets', findings)], { ...scope, mode: 'full' }, policyFor('production'), {
      entries: [{ fingerprint: 'gone' }],
    });
    expect(full.stale).toEqual([{ fingerprint: 'gone' }]);
    expect(outcome.runs[0]).toMatchObject({ name: 'secrets', suppressed: 1 });
    expect(outcome.decision).toMatchObject({
      result: 'fail',
      breaches: [{ severity: 'critical', count: 1, limit: 0 }],
    });
    expect(outcome.incomplete).toBe(false);
  });

  it('keeps each scanner apart and marks the outcome incomplete when any scanner says so', async () => {
    const outcome = await scan(
      [scanner('secrets', [at('a.ts', 2)]), scanner('iac', [at('a.ts', 2, { scanner: 'iac' })], ['no network'])],
      scope,
      policyFor('development'),
      undefined,
    );
    expect(outcome.runs.map((r) => [r.name, r.findings.length, r.incomplete])).toEqual([
      ['secrets', 1, []],
      ['iac', 1, ['no network']],
    ]);
    expect(outcome.incomplete).toBe(true);
    expect(outcome.decision.result).toBe('pass');
  });
});

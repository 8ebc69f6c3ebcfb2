import { ConfigError } from '@shipgate/core';
import { describe, expect, it } from 'vitest';
import { aFinding } from './testing/index.js';
import { applyBaseline, formatBaseline, parseBaseline } from './baseline.js';

describe('formatBaseline and parseBaseline', () => {
  it('round-trip, sorted and without duplicates or secrets', () => {
    const findings = [
      aFinding({ fingerprint: 'b', secret: 'ghp_realvalue' }),
      aFinding({ fingerprint: 'a' }),
      aFinding({ fingerprint: 'b' }),
    ];
    const text = formatBaseline(findings, 'accepted in review');
    expect(text).not.toContain('ghp_realvalue');
    expect(parseBaseline(text, '.shipgate-baseline.json').entries).toEqual([
      { fingerprint: 'a', ruleId: 'test-rule', file: 'src/app.ts', reason: 'accepted in review' },
      { fingerprint: 'b', ruleId: 'test-rule', file: 'src/app.ts', reason: 'accepted in review' },
    ]);
  });

  it('names the file and the entry on a bad baseline', () => {
    expect(() => parseBaseline('{', 'b.json')).toThrow(ConfigError);
    expect(() => parseBaseline('{"schema":"x","findings":[]}', 'b.json')).toThrow(/b\.json: 'schema' must be/);
    expect(() => parseBaseline('{"schema":"shipgate/baseline/v1","findings":[{"fingerprint":1}]}', 'b.json')).toThrow(
      "b.json: 'findings[0].fingerprint' must be a non-empty string",
    );
  });
});

describe('applyBaseline', () => {
  it('suppresses accepted findings and lists entries nothing matched', () => {
    const split = applyBaseline([aFinding({ fingerprint: 'old' }), aFinding({ fingerprint: 'new' })], {
      entries: [{ fingerprint: 'old' }, { fingerprint: 'fixed' }],
    });
    expect(split.active.map((f) => f.fingerprint)).toEqual(['new']);
    expect(split.suppressed.map((f) => f.fingerprint)).toEqual(['old']);
    expect(split.stale).toEqual([{ fingerprint: 'fixed' }]);
  });
});

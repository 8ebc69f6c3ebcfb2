import { describe, expect, it } from 'vitest';
import { aFinding } from './testing/index.js';
import { lineHashes } from './line-hash.js';
import { toAnnotations, toSarifInputs } from './reporting.js';

const secret = aFinding({
  ruleId: 'github-pat',
  title: 'GitHub personal access token',
  severity: 'critical',
  message: 'GitHub personal access token ghp_… (40 characters)',
  snippet: 'token = "ghp_…"',
  secret: 'ghp_0123456789abcdefghijklmnopqrstuvwxyz',
  help: 'Revoke the token.',
  location: { file: 'src/config.ts', line: 2, column: 10, endColumn: 50 },
});
const source = 'export const a = 1;\nconst token = "ghp_0123456789abcdefghijklmnopqrstuvwxyz";\n';

describe('toSarifInputs', () => {
  it('leaves out the security tag and severity for findings that are not about security', () => {
    const { rules } = toSarifInputs([aFinding({ scanner: 'build', ruleId: 'build/tsc' })], { security: false });
    expect(rules[0]).toMatchObject({ id: 'build/tsc', level: 'error', tags: ['build'] });
    expect(rules[0]).not.toHaveProperty('securitySeverity');
  });

  it('maps severity to level and security-severity, and computes the line hash from the source', () => {
    const { rules, results, omitted } = toSarifInputs([secret], {
      sourceText: (file) => (file === 'src/config.ts' ? source : undefined),
    });
    expect(rules).toEqual([
      {
        id: 'github-pat',
        description: 'GitHub personal access token',
        help: 'Revoke the token.',
        level: 'error',
        securitySeverity: 9.5,
        tags: ['security', 'secrets'],
      },
    ]);
    expect(results[0]).toMatchObject({
      ruleId: 'github-pat',
      level: 'error',
      file: 'src/config.ts',
      line: 2,
      primaryLocationLineHash: lineHashes(source)[1],
      fingerprint: secret.fingerprint,
    });
    expect(JSON.stringify(results)).not.toContain(secret.secret);
    expect(omitted).toBe(0);
  });

  it('keeps the most severe results within the limit and one rule per id at its highest severity', () => {
    const findings = [
      aFinding({ ruleId: 'r', severity: 'low', fingerprint: '1' }),
      aFinding({ ruleId: 'r', severity: 'high', fingerprint: '2' }),
      aFinding({ ruleId: 'q', severity: 'medium', fingerprint: '3' }),
    ];
    const { rules, results, omitted } = toSarifInputs(findings, { maxResults: 2 });
    expect(results.map((r) => r.fingerprint)).toEqual(['2', '3']);
    expect(rules.map((r) => [r.id, r.securitySeverity])).toEqual([
      ['r', 8],
      ['q', 5.5],
    ]);
    expect(omitted).toBe(1);
  });

  it('leaves the line hash out when the file cannot be read', () => {
    expect(toSarifInputs([secret], { sourceText: () => undefined }).results[0]).not.toHaveProperty(
      'primaryLocationLineHash',
    );
  });
});

describe('toAnnotations', () => {
  it('puts the most severe first, with levels the runner knows and no secret', () => {
    const annotations = toAnnotations([aFinding({ severity: 'low', fingerprint: 'x' }), secret]);
    expect(annotations.map((a) => a.level)).toEqual(['error', 'notice']);
    expect(annotations[0]).toMatchObject({ file: 'src/config.ts', line: 2, column: 10, endColumn: 50 });
    expect(annotations[0]?.title).toBe('critical: GitHub personal access token (github-pat)');
    expect(JSON.stringify(annotations)).not.toContain(secret.secret);
  });
});

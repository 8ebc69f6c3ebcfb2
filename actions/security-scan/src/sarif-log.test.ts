import { describe, expect, it } from 'vitest';
import { aFinding } from '@shipgate/findings/testing';
import { validateSarif } from '../../../test/support/sarif-schema.js';
import { buildSarifLog } from './sarif-log.js';
import type { ScannerRun } from './scan.js';

const run = (name: ScannerRun['name'], count: number): ScannerRun => ({
  name,
  description: name,
  findings: Array.from({ length: count }, (_, i) =>
    aFinding({
      scanner: name,
      severity: i % 2 ? 'high' : 'low',
      location: { file: 'src/a.ts', line: i + 1 },
      fingerprint: `${name}-${i}`,
    }),
  ),
  suppressed: 0,
  incomplete: [],
  notes: [],
});

describe('buildSarifLog', () => {
  it('writes one run per scanner, each with its category, valid SARIF 2.1.0 with line hashes', () => {
    const source = Array.from({ length: 5 }, (_, i) => `line ${i}`).join('\n');
    const { log, omitted } = buildSarifLog([run('secrets', 3), run('iac', 0)], () => source);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const runs = log.runs as { automationDetails: { id: string }; results: { partialFingerprints: object }[] }[];
    expect(runs.map((r) => [r.automationDetails.id, r.results.length])).toEqual([
      ['shipgate/security-scan/secrets/', 3],
      ['shipgate/security-scan/iac/', 0],
    ]);
    expect(runs[0]!.results[0]!.partialFingerprints).toHaveProperty('primaryLocationLineHash');
    expect(omitted).toBe(0);
  });

  it('keeps at most 5,000 results per run, the most severe, and stays under the size limit', () => {
    const big = buildSarifLog([run('secrets', 5200)], () => undefined);
    const results = (big.log.runs[0] as { results: { level: string }[] }).results;
    expect(results).toHaveLength(5000);
    expect(results.filter((r) => r.level === 'error')).toHaveLength(2600);
    expect(big.omitted).toBe(200);

    const small = buildSarifLog([run('secrets', 400)], () => undefined, 60_000);
    expect(Buffer.byteLength(small.text)).toBeLessThanOrEqual(60_000);
    expect(small.omitted).toBeGreaterThan(0);
    expect(validateSarif(small.log)).toBe(true);
  });

  it("puts another tool's runs first (preflight's error-detection), under the same limits", () => {
    const detection = {
      tool: {
        name: 'Shipgate error-detection',
        version: '0.1.0',
        informationUri: 'https://x',
        category: 'shipgate/ed',
      },
      findings: run('iac', 300).findings,
      security: false,
      sourceText: () => undefined,
    };
    const { log, text, omitted } = buildSarifLog([run('secrets', 300)], () => undefined, 200_000, [detection]);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const runs = log.runs as { automationDetails: { id: string }; tool: { driver: { rules: object[] } } }[];
    expect(runs.map((r) => r.automationDetails.id)).toEqual(['shipgate/ed/', 'shipgate/security-scan/secrets/']);
    expect(runs[0]!.tool.driver.rules[0]).not.toHaveProperty('properties.security-severity');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(200_000);
    expect(omitted).toBeGreaterThan(0);
  });
});

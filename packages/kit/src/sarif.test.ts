import { describe, expect, it } from 'vitest';
import { lineHashes, toSarifInputs } from '@shipgate/findings';
import { validateSarif as validate } from '../../../test/support/sarif-schema.js';
import { buildSarif } from './sarif.js';

const tool = {
  name: 'Shipgate',
  version: '1.0.0',
  informationUri: 'https://github.com/shipgate/shipgate',
  category: 'shipgate/security-scan/secrets',
};
const rules = [
  {
    id: 'aws-access-key',
    description: 'AWS access key ID',
    level: 'error' as const,
    securitySeverity: 9,
    tags: ['security', 'secret'],
    help: 'Rotate the key.',
  },
  { id: 'dockerfile/root-user', description: 'Container runs as root' },
];

describe('buildSarif', () => {
  it('produces a log valid against the SARIF 2.1.0 schema, with what code scanning needs', () => {
    const log = buildSarif(tool, rules, [
      {
        ruleId: 'aws-access-key',
        message: 'AWS key found',
        file: './src/my file.ts',
        line: 3,
        column: 7,
        endColumn: 27,
        fingerprint: 'abc',
      },
      { ruleId: 'dockerfile/root-user', message: 'No USER', file: 'Dockerfile', line: 0 },
    ]);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0] as {
      results: {
        locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        level: string;
      }[];
      tool: { driver: { rules: { properties: Record<string, unknown> }[] } };
      automationDetails: { id: string };
    };
    expect(run.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('src/my%20file.ts');
    expect(run.results[1]?.locations[0]?.physicalLocation.region.startLine).toBe(1);
    expect(run.results[0]?.level).toBe('error');
    expect(run.results[1]?.level).toBe('warning');
    expect(run.tool.driver.rules[0]?.properties['security-severity']).toBe('9.0');
    expect(run.automationDetails.id).toBe('shipgate/security-scan/secrets/');
  });

  it('refuses a result whose rule is not declared', () => {
    expect(() => buildSarif(tool, rules, [{ ruleId: 'nope', message: 'x' }])).toThrow("unknown rule 'nope'");
  });

  it('is valid with no results', () => {
    expect(validate(buildSarif(tool, [], []))).toBe(true);
  });
});

describe('the SARIF schema check itself', () => {
  it('rejects a log without a tool, so the tests above can fail', () => {
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
  });
});

describe('buildSarif with findings from @shipgate/findings', () => {
  it('carries the fingerprints and the line hash code scanning uses, valid against the schema', () => {
    const source = 'const a = 1;\nconst token = "ghp_0123456789abcdefghijklmnopqrstuvwxyz";\n';
    const { rules: findingRules, results } = toSarifInputs(
      [
        {
          scanner: 'secrets',
          ruleId: 'github-pat',
          title: 'GitHub personal access token',
          severity: 'critical',
          message: 'GitHub personal access token ghp_… (40 characters)',
          fingerprint: 'f00d',
          location: { file: 'src/config.ts', line: 2, column: 16, endColumn: 56 },
          secret: 'ghp_0123456789abcdefghijklmnopqrstuvwxyz',
        },
      ],
      { sourceText: () => source },
    );
    const log = buildSarif(tool, findingRules, results);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0] as { results: { partialFingerprints: Record<string, string>; level: string }[] };
    expect(run.results[0]?.partialFingerprints).toEqual({
      'shipgate/v1': 'f00d',
      primaryLocationLineHash: lineHashes(source)[1],
    });
    expect(run.results[0]?.level).toBe('error');
    expect(JSON.stringify(log)).not.toContain('ghp_0123456789abcdefghijklmnopqrstuvwxyz');
  });
});

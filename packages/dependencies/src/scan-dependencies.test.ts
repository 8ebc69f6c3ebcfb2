import type { Clock } from '@shipgate/core';
import { describe, expect, it } from 'vitest';
import axios from '../../../test/fixtures/osv/advisories/GHSA-wf5p-g6vw-rhxx.json?raw';
import lodash from '../../../test/fixtures/osv/advisories/GHSA-jf85-cpcp-j695.json?raw';
import minimist from '../../../test/fixtures/osv/advisories/GHSA-xvch-5gv4-984h.json?raw';
import semver from '../../../test/fixtures/osv/advisories/GHSA-c2qf-rxjj-qqgw.json?raw';
import npmV3 from '../../../test/fixtures/lockfiles/npm-v3/package-lock.json?raw';
import type { IgnoreRule } from './ignore-file.js';
import type { OsvRecord } from './osv-api.js';
import { scanDependencies, type ScanDependenciesOptions } from './scan-dependencies.js';
import { FakeOsv } from './testing/fake-osv.js';

const records = [lodash, minimist, semver, axios].map((text) => JSON.parse(text) as OsvRecord);
const clock: Clock = { now: () => 0, sleep: async () => undefined };
const NOW = Date.UTC(2026, 5, 1);

function scan(overrides: Partial<ScanDependenciesOptions> = {}) {
  const files: Record<string, string> = { 'web/package-lock.json': npmV3, 'src/index.ts': 'export {}' };
  return scanDependencies({
    files: Object.keys(files),
    readFile: async (path) => files[path] ?? Promise.reject(new Error(`ENOENT: ${path}`)),
    osv: new FakeOsv(records),
    now: NOW,
    clock,
    ...overrides,
  });
}

const lineOf = (needle: string) => npmV3.slice(0, npmV3.indexOf(needle)).split('\n').length;

describe('scanDependencies', () => {
  it('reports each advisory at the package entry in the lockfile, with severity and fixed versions', async () => {
    const result = await scan();
    expect(result.incomplete).toEqual([]);
    expect(result.lockfiles).toEqual(['web/package-lock.json']);
    const summary = result.findings.map((f) => `${f.ruleId} ${f.severity} ${f.location?.file}:${f.location?.line}`);
    expect(summary.sort()).toEqual(
      [
        `GHSA-c2qf-rxjj-qqgw medium web/package-lock.json:${lineOf('"node_modules/semver"')}`,
        `GHSA-jf85-cpcp-j695 critical web/package-lock.json:${lineOf('"node_modules/lodash"')}`,
        `GHSA-wf5p-g6vw-rhxx medium web/package-lock.json:${lineOf('"node_modules/axios"')}`,
        `GHSA-xvch-5gv4-984h critical web/package-lock.json:${lineOf('"node_modules/minimist"')}`,
      ].sort(),
    );
    const semverFinding = result.findings.find((f) => f.ruleId === 'GHSA-c2qf-rxjj-qqgw');
    expect(semverFinding).toMatchObject({
      scanner: 'dependencies',
      title: 'semver vulnerable to Regular Expression Denial of Service',
      message:
        'semver 7.5.1 (npm) is affected by GHSA-c2qf-rxjj-qqgw (CVE-2022-25883): semver vulnerable to Regular Expression Denial of Service. Fixed in 7.5.2. Severity: rated MODERATE.',
      helpUri: 'https://osv.dev/vulnerability/GHSA-c2qf-rxjj-qqgw',
    });
    expect(semverFinding?.help).toContain('Upgrade semver to 7.5.2 or later');
  });

  it('keeps fingerprints stable when the entry moves to another line', async () => {
    const first = await scan();
    const moved = await scan({ readFile: async () => `\n\n${npmV3}` });
    expect(moved.findings.map((f) => f.fingerprint).sort()).toEqual(first.findings.map((f) => f.fingerprint).sort());
    expect(moved.findings[0]?.location?.line).toBe((first.findings[0]?.location?.line ?? 0) + 2);
  });

  it('applies ignores by id or alias until they expire, and reports the expired ones', async () => {
    const ignore: IgnoreRule[] = [
      { id: 'CVE-2019-10744', reason: 'defaultsDeep is not used', expires: '2026-06-01', origin: 'osv-ignore.yml:2' },
      { id: 'GHSA-xvch-5gv4-984h', reason: 'CLI only', expires: '2026-05-31', origin: 'osv-ignore.yml:5' },
      { id: 'GHSA-wf5p-g6vw-rhxx', reason: 'another package only', package: 'not-axios', origin: 'osv-ignore.yml:8' },
    ];
    const result = await scan({ ignore });
    expect(result.ignored.map((i) => `${i.finding.ruleId} ${i.rule.origin}`)).toEqual([
      'GHSA-jf85-cpcp-j695 osv-ignore.yml:2',
    ]);
    expect(result.expired.map((r) => r.id)).toEqual(['GHSA-xvch-5gv4-984h']);
    expect(result.findings.map((f) => f.ruleId)).toContain('GHSA-xvch-5gv4-984h');
    expect(result.findings.map((f) => f.ruleId)).toContain('GHSA-wf5p-g6vw-rhxx');
  });

  it('marks the result incomplete when OSV fails or a lockfile cannot be read, and still reports the rest', async () => {
    const osv = new FakeOsv(records);
    osv.failNext('vuln', { message: 'HTTP 500', retryable: false });
    const result = await scan({
      osv,
      files: ['web/package-lock.json', 'api/package-lock.json'],
    });
    expect(result.incomplete).toEqual([
      'api/package-lock.json could not be read: ENOENT: api/package-lock.json',
      expect.stringMatching(/^OSV could not fetch advisory GHSA-.*: HTTP 500$/),
    ]);
    // The advisory whose details failed is still a finding, with what is known.
    expect(result.findings).toHaveLength(4);
    expect(result.findings.find((f) => f.message.includes('details unavailable'))?.severity).toBe('medium');
  });
});

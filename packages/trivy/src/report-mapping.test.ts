import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingsFromTrivyReport, parseTrivyReport } from './report-mapping.js';

/**
 * Recorded reports: Trivy's own golden files (aquasecurity/trivy integration/testdata, Apache-2.0), written by
 * real Trivy runs against its test images and lockfiles; see test/fixtures/trivy/README.md.
 */
const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'trivy', name), 'utf8');

describe('parseTrivyReport', () => {
  it('reads a SchemaVersion 2 report', () => {
    expect(parseTrivyReport(fixture('alpine-310.json'), 'alpine-310.json').ArtifactType).toBe('container_image');
  });

  it('refuses other schemas and non-JSON, naming the file', () => {
    expect(() => parseTrivyReport('{"SchemaVersion": 1}', 'r.json')).toThrow(/r\.json has SchemaVersion 1/);
    expect(() => parseTrivyReport('not json', 'r.json')).toThrow(/r\.json is not JSON/);
    expect(() => parseTrivyReport('{"SchemaVersion": 2, "Results": {}}', 'r.json')).toThrow(/not a list/);
  });
});

describe('findingsFromTrivyReport', () => {
  it('maps image vulnerabilities with package, installed and fixed versions and severity', () => {
    const findings = findingsFromTrivyReport(parseTrivyReport(fixture('alpine-310.json'), 'alpine'));
    expect(findings).toHaveLength(4);
    expect(findings[0]).toMatchObject({
      scanner: 'image',
      ruleId: 'trivy/CVE-2019-1549',
      title: 'CVE-2019-1549: openssl: information disclosure in fork()',
      severity: 'medium',
      message:
        'libcrypto1.1 1.1.1c-r0 in testdata/fixtures/images/alpine-310.tar.gz (alpine 3.10.2) has CVE-2019-1549 ' +
        '(medium); fixed in 1.1.1d-r0',
      help: 'Upgrade libcrypto1.1 to 1.1.1d-r0 or later.',
      helpUri: 'https://avd.aquasec.com/nvd/cve-2019-1549',
    });
    expect(findings[0]!.location).toBeUndefined();
    // The same CVE in two packages (libcrypto and libssl) is two findings.
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(4);
  });

  it('maps lockfile vulnerabilities as dependencies at the lockfile', () => {
    const [finding] = findingsFromTrivyReport(parseTrivyReport(fixture('npm.json'), 'npm'));
    expect(finding).toMatchObject({
      scanner: 'dependencies',
      ruleId: 'trivy/CVE-2019-11358',
      severity: 'medium',
      location: { file: 'package-lock.json' },
      message: expect.stringMatching(/^jquery 3\.3\.9 has CVE-2019-11358 \(medium\); fixed in 3\.4\.0$/),
    });
  });

  it('maps severities, UNKNOWN as low, and a vulnerability without a fix', () => {
    const report = {
      SchemaVersion: 2,
      ArtifactType: 'filesystem',
      Results: [
        {
          Target: 'go.sum',
          Vulnerabilities: ['CRITICAL', 'HIGH', 'LOW', 'UNKNOWN'].map((Severity, i) => ({
            VulnerabilityID: `GHSA-${i}`,
            PkgName: 'x',
            InstalledVersion: '1.0.0',
            Severity,
          })),
        },
      ],
    };
    const findings = findingsFromTrivyReport(report);
    expect(findings.map((f) => f.severity)).toEqual(['critical', 'high', 'low', 'low']);
    expect(findings[0]!.message).toBe('x 1.0.0 has GHSA-0 (critical); no fixed version yet');
  });

  it('maps secrets with the masked match only, and keeps the fingerprint when the line moves', () => {
    const secret = (StartLine: number) => ({
      SchemaVersion: 2,
      ArtifactType: 'filesystem',
      Results: [
        {
          Target: 'config/.env',
          Class: 'secret',
          Secrets: [
            {
              RuleID: 'github-pat',
              Category: 'GitHub',
              Severity: 'CRITICAL',
              Title: 'GitHub Personal Access Token',
              StartLine,
              EndLine: StartLine,
              Match: 'GITHUB_TOKEN=****************************************',
            },
          ],
        },
      ],
    });
    const [moved] = findingsFromTrivyReport(secret(9));
    const [finding] = findingsFromTrivyReport(secret(2));
    expect(finding).toMatchObject({
      scanner: 'secrets',
      ruleId: 'trivy/github-pat',
      severity: 'critical',
      location: { file: 'config/.env', line: 2, endLine: 2 },
      snippet: 'GITHUB_TOKEN=****************************************',
    });
    expect(finding!.secret).toBeUndefined();
    expect(moved!.fingerprint).toBe(finding!.fingerprint);
  });

  it('keeps failed misconfigurations only, with the rule, line, fix and link', () => {
    const misconfig = (Status: string) => ({
      ID: 'KSV017',
      Title: 'Privileged container',
      Message: "Container 'web' of Pod 'web' should set 'securityContext.privileged' to false",
      Resolution: 'Change securityContext.privileged to false',
      Severity: 'HIGH',
      PrimaryURL: 'https://avd.aquasec.com/misconfig/ksv017',
      Status,
      CauseMetadata: { StartLine: 7, EndLine: 10 },
    });
    const findings = findingsFromTrivyReport({
      SchemaVersion: 2,
      ArtifactType: 'filesystem',
      Results: [{ Target: 'k8s\\pod.yaml', Misconfigurations: [misconfig('FAIL'), misconfig('PASS')] }],
    });
    expect(findings).toEqual([
      expect.objectContaining({
        scanner: 'iac',
        ruleId: 'trivy/KSV017',
        severity: 'high',
        location: { file: 'k8s/pod.yaml', line: 7, endLine: 10 },
        help: 'Change securityContext.privileged to false',
        helpUri: 'https://avd.aquasec.com/misconfig/ksv017',
      }),
    ]);
  });
});

/**
 * security-scan's dependencies scanner through the bundle, against the OSV API emulator serving real GitHub
 * Advisory Database records (test/fixtures/osv; OSV itself cannot be reached from here). The lockfile is the
 * npm v1 fixture (lodash 4.17.11, minimist 0.0.8). An accepted advisory in the ignore file is reported as
 * accepted, not found; a persistently rate-limited OSV gives a warning and `incomplete: true`, never a silent pass.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startOsvEmulator } from '../support/osv-emulator/index.js';
import { repoRoot } from '../support/paths.js';
import { runAction } from '../support/run-action.js';
import { validateSarif } from '../support/sarif-schema.js';
import { createTempDir } from '../support/services/index.js';
import { useService } from '../support/services/use-service.js';

function workspaceWithLockfile(files: Record<string, string> = {}): string {
  const dir = createTempDir('scan-deps').path;
  mkdirSync(join(dir, 'web'), { recursive: true });
  copyFileSync(
    join(repoRoot, 'test', 'fixtures', 'lockfiles', 'npm-v1', 'package-lock.json'),
    join(dir, 'web', 'package-lock.json'),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface Report {
  data: {
    findings: { ruleId: string; severity: string; location: { file: string; line: number } }[];
    incomplete: boolean;
  };
}

describe('security-scan, dependencies scanner', () => {
  it('reports real advisories at the lockfile line, and applies the default ignore file', async () => {
    const osv = await useService(startOsvEmulator());
    const workspace = workspaceWithLockfile({
      '.github/shipgate-ignore.yml':
        'ignore:\n  - id: GHSA-xvch-5gv4-984h\n    reason: minimist is only used by the build script\n    expires: 2999-12-31\n',
    });
    const run = await runAction(
      'security-scan',
      { scanners: 'dependencies', mode: 'full', 'osv-url': osv.url, environment: 'production' },
      { workspace },
    );
    expect(run.exitCode, run.stdout).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'fail', dependencies: '1', critical: '1', incomplete: 'false' });
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as Report;
    expect(report.data.findings.map((f) => `${f.ruleId} ${f.severity} ${f.location.file}:${f.location.line}`)).toEqual([
      'GHSA-jf85-cpcp-j695 critical web/package-lock.json:7',
    ]);
    expect(run.summary).toContain(
      'GHSA-xvch-5gv4-984h at web/package-lock.json:20 accepted by .github/shipgate-ignore.yml',
    );
    expect(run.annotations.find((a) => a.file === 'web/package-lock.json')).toMatchObject({ level: 'error', line: 7 });
    expect(osv.requests.some((r) => r.path === '/v1/querybatch')).toBe(true);
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file']!, 'utf8')) as {
      runs: { automationDetails: { id: string } }[];
    };
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(sarif.runs.map((r) => r.automationDetails.id)).toEqual(['shipgate/security-scan/dependencies/']);
  });

  it('warns and sets incomplete when OSV keeps answering 429, instead of passing silently', async () => {
    const osv = await useService(startOsvEmulator());
    osv.rateLimit({ times: Infinity, retryAfterSeconds: 0, path: /querybatch/ });
    const run = await runAction(
      'security-scan',
      { scanners: 'dependencies', mode: 'full', 'osv-url': osv.url },
      { workspace: workspaceWithLockfile() },
    );
    expect(run.outputs).toMatchObject({ dependencies: '0', incomplete: 'true' });
    const warnings = run.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings).toEqual([expect.stringMatching(/^dependencies: incomplete: OSV could not look up .*HTTP 429/)]);
    expect(run.summary).toContain('Incomplete');
    expect((JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as Report).data.incomplete).toBe(true);
  });

  it('rejects a malformed ignore file before asking OSV anything, naming the file and key', async () => {
    const osv = await useService(startOsvEmulator());
    const run = await runAction(
      'security-scan',
      { scanners: 'dependencies', mode: 'full', 'osv-url': osv.url, 'ignore-file': 'accepted.yml' },
      { workspace: workspaceWithLockfile({ 'accepted.yml': 'ignore:\n  - id: GHSA-xvch-5gv4-984h\n' }) },
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error[^\n]*accepted\.yml[^\n]*reason/);
    expect(osv.requests).toEqual([]);
  });
});

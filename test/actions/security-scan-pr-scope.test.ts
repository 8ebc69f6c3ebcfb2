/**
 * security-scan's dependencies and iac scanners in pull-request mode, through the bundle on a real git repository
 * (base and head from the event): only what the pull request adds is reported. A vulnerable package already on
 * the base branch and a risky setting already in a manifest stay out; the package and the setting the pull
 * request adds are reported at their lines in the head commit. OSV is the emulator serving real GitHub Advisory
 * Database records (test/fixtures/osv), as OSV cannot be reached from here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startOsvEmulator } from '../support/osv-emulator/index.js';
import { repoRoot } from '../support/paths.js';
import { runAction } from '../support/run-action.js';
import { createTempDir } from '../support/services/index.js';
import { useService } from '../support/services/use-service.js';
import { gitRepo, pullRequestEvent } from './security-scan-setup.js';

// The npm v1 fixture: lodash 4.17.11 (GHSA-jf85-cpcp-j695) and, under mkdirp, minimist 0.0.8 (GHSA-xvch-5gv4-984h).
const LOCKFILE = readFileSync(join(repoRoot, 'test/fixtures/lockfiles/npm-v1/package-lock.json'), 'utf8');
const MKDIRP = LOCKFILE.slice(LOCKFILE.indexOf('    "mkdirp": {'), LOCKFILE.indexOf('    "my-local": {'));

const deployment = (container: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: registry.example.com/web:1.4.2
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: 500m, memory: 256Mi }
${container}`;

interface Report {
  data: {
    mode: string;
    findings: { ruleId: string; scanner: string; location: { file: string; line: number } }[];
  };
}

describe('security-scan, pull-request mode, dependencies and iac', () => {
  it('reports the vulnerable package and the privileged container the pull request adds, not those before it', async () => {
    const osv = await useService(startOsvEmulator());
    const repo = gitRepo('scan-pr-deps');
    const base = repo.commit(
      {
        'web/package-lock.json': LOCKFILE.replace(MKDIRP, ''),
        'deploy/web.yaml': deployment(''),
      },
      'base',
    );
    repo.git('checkout', '-q', '-b', 'feature');
    const head = repo.commit(
      {
        'web/package-lock.json': LOCKFILE,
        'deploy/web.yaml': deployment('          securityContext:\n            privileged: true\n'),
      },
      'add mkdirp, run privileged',
    );
    const events = createTempDir('scan-pr-deps-event');
    const run = await runAction(
      'security-scan',
      { scanners: 'dependencies,iac', 'osv-url': osv.url, environment: 'production' },
      {
        workspace: repo.dir,
        env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pullRequestEvent(events.path, base, head) },
      },
    );
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as Report;
    expect(report.data.mode).toBe('pull-request');
    const found = report.data.findings.map((f) => `${f.scanner} ${f.ruleId} ${f.location.file}:${f.location.line}`);
    // minimist sits at line 20 of the head's lockfile; privileged at line 20 of the head's manifest.
    expect(found.filter((f) => f.startsWith('dependencies'))).toEqual([
      'dependencies GHSA-xvch-5gv4-984h web/package-lock.json:20',
    ]);
    const iac = found.filter((f) => f.startsWith('iac'));
    expect(iac).toContain('iac k8s/privileged-container deploy/web.yaml:20');
    // A finding about the container the pull request edited (its block spans the added securityContext) is the
    // pull request's to fix; hostNetwork (line 12, the pod's, untouched) was on the base branch already.
    expect(iac.filter((f) => !/deploy\/web\.yaml:(1[4-9]|20)$/.test(f))).toEqual([]);
    expect(iac.some((f) => f.includes('host-network'))).toBe(false);
    expect(run.exitCode, run.stdout).toBe(1);
  });
});

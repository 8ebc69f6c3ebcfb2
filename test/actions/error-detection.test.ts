// error-detection's bundle run as the runner runs it on sample repositories built in temp directories: a clean
// repository (every category, zero findings), Kubernetes (schemas and kube-linter's cross-object checks) and Compose defects at their file:line:column, and input
// errors that stop the step before anything runs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COMPOSE,
  DEPLOYMENT,
  SERVICE,
  detect,
  located,
  nodeProject,
  readReport,
  repositoryWith,
} from './error-detection-setup.js';

describe('error-detection on a clean repository', () => {
  it('runs every category, finds nothing and scores 100', async () => {
    const workspace = repositoryWith({
      'deploy/app.yaml': `${DEPLOYMENT}---\n${SERVICE}`,
      // A kustomize patch is a partial object: not validated on its own.
      'deploy/kustomization.yaml': 'resources: [app.yaml]\npatches:\n  - path: replicas.yaml\n',
      'deploy/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
      'compose.yaml': COMPOSE,
      '.env.example': 'DATABASE_URL=postgres://localhost/app\n',
      '.env': 'DATABASE_URL=postgres://db.internal/app\n',
      ...nodeProject(),
      'build.mjs': "console.log('built');\n",
      '.github/workflows/ci.yml': `on: push\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${'11bd71901bbe5b1630ceea73d27597364c9af683'}\n      - run: node build.mjs\n`,
      Dockerfile:
        'FROM node:24.1.0-slim\nWORKDIR /app\nCOPY build.mjs ./\nUSER node\nHEALTHCHECK CMD node -e "process.exit(0)"\nCMD ["node", "build.mjs"]\n',
    });
    const run = await detect(workspace, { 'build-command': 'node build.mjs', 'sarif-file': 'out/results.sarif' });
    expect(run.exitCode, run.log).toBe(0);
    const report = readReport(run);
    expect(report.schema).toBe('shipgate/error-detection/v1');
    expect(report.data.findings).toEqual([]);
    expect(report.data.categories.map((c) => [c.name, c.subscore])).toEqual([
      ['kubernetes', 100],
      ['compose', 100],
      ['workflows', 100],
      ['dockerfile', 100],
      ['env', 100],
      ['dependencies', 100],
      ['build', 100],
    ]);
    expect(run.outputs).toMatchObject({ result: 'pass', score: '100', errors: '0', warnings: '0' });
    expect(run.outputs['patch-file']).toBeUndefined();
    expect(run.annotations).toEqual([]);
    const sarif = JSON.parse(readFileSync(join(workspace, 'out/results.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toEqual([]);
    expect(run.summary).toContain('Readiness 100/100');
  });
});

describe('error-detection: kubernetes', () => {
  it('reports unknown fields, removed API versions and duplicate keys at file:line:column, and fails', async () => {
    const bad = DEPLOYMENT.replace(
      '          image: nginx:1.27\n',
      '          image: nginx:1.27\n          imagePullPolcy: Always\n',
    );
    const workspace = repositoryWith({
      'k8s/web.yaml': `${bad}---\napiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec: {}\n`,
      'k8s/svc.yml': SERVICE.replace('  name: web\n', '  name: web\n  name: web2\n'),
    });
    const run = await detect(workspace, { 'sarif-file': 'results.sarif' });
    expect(run.exitCode, run.log).toBe(1);
    const report = readReport(run);
    expect(located(report)).toEqual([
      'yaml/duplicate-key k8s/svc.yml:5:3',
      'kubernetes/unknown-field k8s/web.yaml:16:11',
      'kubernetes/removed-api k8s/web.yaml:23:13',
    ]);
    expect(report.data.findings.every((f) => f.severity === 'critical')).toBe(true);
    expect(report.data.findings[2]?.message).toContain('networking.k8s.io/v1');
    expect(run.outputs).toMatchObject({ result: 'fail', errors: '3' });
    expect(Number(run.outputs.score)).toBeLessThanOrEqual(49);
    expect(run.annotations.filter((a) => a.file).map((a) => [a.level, a.file, a.line, a.col])).toEqual([
      ['error', 'k8s/svc.yml', 5, 3],
      ['error', 'k8s/web.yaml', 16, 11],
      ['error', 'k8s/web.yaml', 23, 13],
    ]);
    const sarif = JSON.parse(readFileSync(join(workspace, 'results.sarif'), 'utf8'));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(
      report.data.findings.map((f) => f.ruleId),
    );
    expect(run.summary).toContain('Fixes that raise the score most');
  });

  it('reports what kube-linter finds across manifests: a Service selecting no pod, a probe on an undeclared port', async () => {
    const probed = DEPLOYMENT.replace(
      '          image: nginx:1.27\n',
      '          image: nginx:1.27\n          readinessProbe:\n            httpGet: {path: /, port: http}\n',
    );
    const workspace = repositoryWith({
      'k8s/web.yaml': probed,
      'k8s/svc.yaml': SERVICE.replace('selector: {app: web}', 'selector: {app: api}'),
    });
    const run = await detect(workspace, { categories: 'kubernetes' });
    const report = readReport(run);
    expect(located(report)).toEqual(['k8s/dangling-service k8s/svc.yaml:6:13', 'k8s/probe-port k8s/web.yaml:17:38']);
    expect(report.data.findings.every((f) => f.scanner === 'kubernetes' && f.severity === 'medium')).toBe(true);
    // Replicas without anti-affinity are advice, not a defect: not reported here.
    expect(report.data.findings.map((f) => f.ruleId)).not.toContain('k8s/no-anti-affinity');
  });

  it('checks against the version asked for: an API removed later passes on an older target', async () => {
    const workspace = repositoryWith({ 'deploy.yaml': DEPLOYMENT });
    const run = await detect(workspace, { 'kubernetes-version': 'v1.34.2' });
    expect(run.exitCode, run.log).toBe(0);
    expect(readReport(run).data.categories[0]?.checked).toContain('1.34');
  });
});

describe('error-detection: compose', () => {
  it('reports a required variable unset and an unknown key, reading variables from the env file', async () => {
    const compose = `services:\n  web:\n    image: "nginx:\${TAG:?set TAG}"\n    ports: ["\${PORT}:80"]\n    restart_policy: always\n`;
    const workspace = repositoryWith({ 'docker-compose.yml': compose, '.env': 'PORT=8080\n' });
    const run = await detect(workspace, { categories: 'compose' });
    expect(run.exitCode, run.log).toBe(1);
    const report = readReport(run);
    expect(located(report)).toEqual([
      'compose/required-variable docker-compose.yml:3:12',
      'compose/unknown-field docker-compose.yml:5:5',
    ]);
    expect(report.data.findings[0]?.message).toContain('set TAG');
  });
});

describe('error-detection: inputs are checked before anything runs', () => {
  const marker = 'build-ran.txt';
  const build = `node -e "require('fs').writeFileSync('${marker}', 'x')"`;

  it.each([
    [{ categories: 'helm' }, /Input 'categories' has an invalid value "helm"/],
    [
      { 'kubernetes-version': '1.20' },
      /Input 'kubernetes-version' has an invalid value "1.20": expected a Kubernetes version among 1.34, 1.35, 1.36/,
    ],
    [
      { 'env-file': '.env.production' },
      /Input 'env-file' has an invalid value ".env.production".*There is no file .env.production/s,
    ],
    [
      { 'sarif-file': '../outside.sarif' },
      /Input 'sarif-file' has an invalid value "..\/outside.sarif".*outside the workspace/s,
    ],
    [{ paths: '../**/*.yaml' }, /Input 'paths' has an invalid value/],
    [{ 'min-score': '101' }, /Input 'min-score' has an invalid value "101"/],
  ])('%j fails naming the input, runs no command and writes nothing', async (inputs, message) => {
    const workspace = repositoryWith({ 'deploy.yaml': DEPLOYMENT });
    const run = await detect(workspace, { 'build-command': build, ...inputs });
    expect(run.exitCode).toBe(1);
    expect(run.log).toMatch(message);
    expect(run.log).not.toMatch(/Unexpected error|\n\s+at /);
    expect(existsSync(join(workspace, marker))).toBe(false);
    expect(run.outputs.report).toBeUndefined();
  });
});

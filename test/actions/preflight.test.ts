/**
 * The root action, preflight, through its bundle as the runner runs it (every action.yml default filled in), on
 * real git repositories, with the OSV API emulator behind the dependencies scanner: a clean repository passes; a
 * planted secret and a broken Kubernetes manifest fail the step with a one-line reason naming both parts, both in
 * the one summary and in the one SARIF log (valid SARIF 2.1.0, a run per part and scanner), and the secret
 * appears nowhere but in `::add-mask::`; a wrong input fails naming it before anything is written.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startOsvEmulator } from '../support/osv-emulator/index.js';
import { runAction, type ActionRun } from '../support/run-action.js';
import { validateSarif } from '../support/sarif-schema.js';
import { filesUnder, leaks, stepTexts } from '../support/secret-leaks.js';
import { useService } from '../support/services/use-service.js';
import { nodeProject } from './error-detection-setup.js';
import { createTempDir } from '../support/services/index.js';
import { gitRepo, plantSecrets, pullRequestEvent, type GitRepo } from './security-scan-setup.js';

interface SarifRun {
  automationDetails: { id: string };
  results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
}

/** A small service: a Node project with its lockfile in sync, its source, a Kubernetes Service. */
function cleanRepository(): GitRepo {
  const repo = gitRepo('preflight');
  repo.commit(
    {
      ...nodeProject(),
      'README.md': '# app\n',
      'src/index.js': "export const greeting = 'hello';\n",
      'deploy/service.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n      targetPort: 8080\n',
    },
    'app',
  );
  return repo;
}

async function preflight(
  repo: GitRepo,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<ActionRun> {
  const osv = await useService(startOsvEmulator());
  return runAction(
    'preflight',
    { environment: 'production', 'osv-url': osv.url, ...inputs },
    { workspace: repo.dir, env },
  );
}

const sarifOf = (run: ActionRun): { runs: SarifRun[] } => JSON.parse(readFileSync(run.outputs['sarif-file']!, 'utf8'));

describe('preflight (root action.yml, dist/preflight)', () => {
  it('passes a clean repository: both parts pass, one summary, one valid SARIF log', async () => {
    const run = await preflight(cleanRepository());
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({
      result: 'pass',
      'error-detection': 'pass',
      'security-scan': 'pass',
      critical: '0',
      secrets: '0',
      incomplete: 'false',
    });
    expect(run.summary).toContain('# ✅ Preflight passed');
    expect(run.summary).toContain('✅ Security scan passed');
    const sarif = sarifOf(run);
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(sarif.runs.map((r) => r.automationDetails.id)).toEqual([
      'shipgate/error-detection/',
      'shipgate/security-scan/secrets/',
      'shipgate/security-scan/dependencies/',
      'shipgate/security-scan/iac/',
    ]);
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8'));
    expect(report).toMatchObject({ schema: 'shipgate/preflight/v1', data: { result: 'pass' } });
  });

  it('fails on a planted secret and a broken manifest, naming both parts, never printing the secret', async () => {
    const repo = cleanRepository();
    const secret = plantSecrets().githubPat;
    repo.commit(
      {
        'src/config.js': `export const token = '${secret}';\n`,
        // replicas must be an integer, and `containers` is required: the manifest would not apply.
        'deploy/web.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: two\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec: {}\n',
      },
      'config',
    );
    const run = await preflight(repo);
    expect(run.exitCode, run.stdout).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'fail', 'error-detection': 'fail', 'security-scan': 'fail' });
    const failure = run.annotations.filter((a) => a.level === 'error' && !a.file);
    expect(failure).toHaveLength(1);
    expect(failure[0]?.message).toMatch(
      /^error-detection failed: Readiness \d+\/100 \(minimum 80\).* security-scan failed: Over the production policy/,
    );
    // Both parts in the one summary, each with its finding.
    expect(run.summary).toContain('# ❌ Preflight failed');
    expect(run.summary).toMatch(/❌ Readiness \d+\/100/);
    expect(run.summary).toContain('⛔ Security scan failed');
    expect(run.summary).toContain('deploy/web.yaml');
    expect(run.summary).toContain('src/config.js');
    // Both in the one SARIF log: error-detection's run points at the manifest, the secrets run at the source.
    const sarif = sarifOf(run);
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    const files = (id: string) =>
      sarif.runs
        .find((r) => r.automationDetails.id === id)
        ?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri);
    expect(files('shipgate/error-detection/')).toContain('deploy/web.yaml');
    expect(files('shipgate/security-scan/secrets/')).toEqual(['src/config.js']);
    // The secret: masked first, then nowhere (stdout, stderr, summary, annotations, outputs, SARIF, report).
    expect(run.stdout.split('\n')).toContain(`::add-mask::${secret}`);
    const texts = [
      ...stepTexts('main', run),
      { where: 'summary', text: run.summary },
      { where: 'annotations', text: JSON.stringify(run.annotations) },
      { where: 'outputs', text: JSON.stringify(run.outputs) },
      ...filesUnder(run.runnerTemp),
    ];
    expect(leaks(texts, [{ name: 'github-pat', value: secret }])).toEqual([]);
  });

  it('on a pull request, scans only the lines it adds for secrets, and still checks the whole tree for errors', async () => {
    const repo = cleanRepository();
    const old = plantSecrets().githubPat;
    const base = repo.commit({ 'src/legacy.js': `export const legacy = '${old}';\n` }, 'legacy');
    repo.git('checkout', '-q', '-b', 'feature');
    const head = repo.commit({ 'src/index.js': "export const greeting = 'hello, world';\n" }, 'greeting');
    const event = pullRequestEvent(createTempDir('preflight-event').path, base, head);
    const run = await preflight(repo, {}, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'pass', secrets: '0' });
    expect(run.summary).toContain(
      `Pull-request mode: the lines added between ${base.slice(0, 12)} and ${head.slice(0, 12)}`,
    );
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8'));
    expect(report.data.securityScan).toMatchObject({ mode: 'pull-request', compared: { base, head } });
    expect(report.data.errorDetection.categories.map((c: { name: string }) => c.name)).toContain('kubernetes');
  });

  it.each([
    [{ 'min-score': '101' }, /^Input 'min-score' /],
    [{ scanners: 'secrets,bogus' }, /^Input 'scanners' /],
    [{ 'sarif-file': '../outside.sarif' }, /^Input 'sarif-file' /],
  ])('refuses %j naming the input, before anything is written', async (inputs, message) => {
    const repo = cleanRepository();
    const status = repo.git('status', '--porcelain', '--ignored');
    const run = await preflight(repo, { 'sarif-file': 'results/preflight.sarif', ...inputs });
    expect(run.exitCode, run.stdout).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(message);
    expect(run.outputs).toEqual({});
    expect(run.summary).toBe('');
    expect(repo.git('status', '--porcelain', '--ignored')).toBe(status);
    expect(existsSync(join(repo.dir, 'results'))).toBe(false);
    expect(existsSync(join(run.runnerTemp, 'shipgate')) ? readdirSync(join(run.runnerTemp, 'shipgate')) : []).toEqual(
      [],
    );
  });
});

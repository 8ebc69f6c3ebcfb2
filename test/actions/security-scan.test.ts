/**
 * security-scan's bundle, run as the runner runs it, on real git repositories: pull-request mode on a real base
 * and head with an event file, full mode on a tree with vendored folders, lockfiles and binaries. Planted
 * secrets (random on every run) must appear nowhere but in `::add-mask::` lines, which come before anything
 * about them is printed; the exit code follows each environment's policy; the SARIF is valid SARIF 2.1.0.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWLIST, DEFAULT_RULES, redactSecret, SecretScanner } from '@shipgate/secrets';
import { repoRoot, requireNode24 } from '../support/paths.js';
import { runAction, type ActionRun } from '../support/run-action.js';
import { validateSarif } from '../support/sarif-schema.js';
import { filesUnder, leaks, stepTexts, type Planted } from '../support/secret-leaks.js';
import { createTempDir } from '../support/services/index.js';
import { gitRepo, plantSecrets, pullRequestEvent } from './security-scan-setup.js';

interface ScanReport {
  schema: string;
  data: {
    result: string;
    mode: string;
    environment: string;
    compared: { base: string; head: string } | null;
    findings: {
      ruleId: string;
      severity: string;
      message: string;
      fingerprint: string;
      location: { file: string; line: number };
    }[];
    suppressed: { fingerprint: string }[];
    scanners: { name: string; findings: number }[];
  };
}

interface SarifRun {
  automationDetails: { id: string };
  tool: { driver: { rules: { id: string; properties: Record<string, unknown> }[] } };
  results: {
    ruleId: string;
    message: { text: string };
    locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    partialFingerprints: Record<string, string>;
  }[];
}

const reportOf = (run: ActionRun): ScanReport => JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as ScanReport;
const sarifOf = (run: ActionRun): { runs: SarifRun[] } => JSON.parse(readFileSync(run.outputs['sarif-file']!, 'utf8'));

/** Everything the step left: stdout (masking lines out), stderr, summary, report, SARIF and the rest of RUNNER_TEMP. */
function traces(run: ActionRun): { where: string; text: string }[] {
  return [
    ...stepTexts('main', run),
    { where: 'summary', text: run.summary },
    { where: 'annotations', text: JSON.stringify(run.annotations) },
    { where: 'outputs', text: JSON.stringify(run.outputs) },
    ...filesUnder(run.runnerTemp),
  ];
}

/** Each secret is masked (`::add-mask::`) before any line that mentions a finding of it. */
function expectMaskedFirst(run: ActionRun, secrets: string[]): void {
  const lines = run.stdout.split('\n');
  for (const secret of secrets) {
    const masked = lines.indexOf(`::add-mask::${secret}`);
    expect(masked, `no ::add-mask:: for a planted secret`).toBeGreaterThanOrEqual(0);
    const firstMention = lines.findIndex((line) => line.includes(redactSecret(secret)) || line.startsWith('::error'));
    expect(firstMention === -1 || masked < firstMention).toBe(true);
  }
}

describe('security-scan, pull-request mode (real base and head, event file)', () => {
  it('reports only secrets on added lines, masks each first, leaks none, and writes valid SARIF', async () => {
    const old = plantSecrets();
    const added = plantSecrets();
    const repo = gitRepo('scan-pr');
    const base = repo.commit(
      {
        'src/config.ts': `export const region = 'eu-west-1';\nexport const legacy = '${old.githubPat}';\n`,
        'README.md': '# app\n',
      },
      'base',
    );
    repo.git('checkout', '-q', '-b', 'feature');
    const head = repo.commit(
      {
        // The old secret's line moves down (lines added above it): it is not new, and not reported.
        'src/config.ts': `import x from 'y';\n\nexport const region = 'eu-west-1';\nexport const legacy = '${old.githubPat}';\nexport const stripe = "${added.stripe}";\n`,
        'deploy/app.env': `SLACK_BOT_TOKEN=${added.slack}\nAWS_ACCESS_KEY_ID=${added.awsKeyId}\n`,
        'docs/setup.md': `Use the token ${added.githubPat} for now.\n`,
      },
      'add config',
    );
    const events = createTempDir('scan-pr-event');
    const run = await runAction(
      'security-scan',
      { environment: 'production' },
      {
        workspace: repo.dir,
        env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pullRequestEvent(events.path, base, head) },
      },
    );
    expect(run.exitCode, run.stdout).toBe(1);
    const report = reportOf(run);
    expect(report.schema).toBe('shipgate/security-scan/v1');
    expect(report.data).toMatchObject({ result: 'fail', mode: 'pull-request', compared: { base, head } });
    const found = report.data.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}`).sort();
    expect(found).toEqual([
      'aws-access-key-id deploy/app.env:2',
      'github-pat docs/setup.md:1',
      'slack-bot-token deploy/app.env:1',
      'stripe-secret-key src/config.ts:5',
    ]);
    expect(run.outputs).toMatchObject({ result: 'fail', critical: '4', secrets: '4', incomplete: 'false' });
    // Annotations point at the added lines, with the redacted form only.
    expect(
      run.annotations
        .filter((a) => a.file)
        .map((a) => `${a.file}:${a.line}`)
        .sort(),
    ).toEqual(['deploy/app.env:1', 'deploy/app.env:2', 'docs/setup.md:1', 'src/config.ts:5']);
    expect(run.annotations.find((a) => a.file === 'docs/setup.md')?.message).toContain(redactSecret(added.githubPat));
    expect(run.summary).toContain('Security scan failed');
    expect(run.summary).toContain(redactSecret(added.awsKeyId));

    const planted: Planted[] = [...Object.values(old), ...Object.values(added)].map((value, i) => ({
      name: `secret ${i}`,
      value,
    }));
    expect(leaks(traces(run), planted)).toEqual([]);
    expectMaskedFirst(run, Object.values(added));

    const sarif = sarifOf(run);
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    // One run per default scanner, each with its category: an empty run closes that scanner's old alerts.
    expect(sarif.runs.map((r) => r.automationDetails.id)).toEqual([
      'shipgate/security-scan/secrets/',
      'shipgate/security-scan/dependencies/',
      'shipgate/security-scan/iac/',
    ]);
    const results = sarif.runs[0]!.results;
    expect(results).toHaveLength(4);
    for (const result of results) {
      expect(result.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]+:1$/);
      expect(result.partialFingerprints['shipgate/v1']).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(sarif.runs[0]!.tool.driver.rules.find((r) => r.id === 'github-pat')?.properties['security-severity']).toBe(
      '9.5',
    );
  });

  it('keeps a fingerprint when the line moves, so a baseline still accepts it', async () => {
    const secret = plantSecrets().stripe;
    const repo = gitRepo('scan-pr-move');
    const base = repo.commit({ 'README.md': '# app\n' }, 'base');
    repo.git('checkout', '-q', '-b', 'feature');
    const first = repo.commit({ 'app.py': `STRIPE = "${secret}"\n` }, 'add');
    const moved = repo.commit({ 'app.py': `import os\n\n\nSTRIPE = "${secret}"\n` }, 'move');
    const events = createTempDir('scan-pr-move-event');
    const scanAt = (head: string) =>
      runAction(
        'security-scan',
        { environment: 'development' },
        {
          workspace: repo.dir,
          env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pullRequestEvent(events.path, base, head) },
        },
      );
    const [a, b] = [reportOf(await scanAt(first)), reportOf(await scanAt(moved))];
    expect(a.data.findings.map((f) => f.location.line)).toEqual([1]);
    expect(b.data.findings.map((f) => f.location.line)).toEqual([4]);
    expect(b.data.findings[0]!.fingerprint).toBe(a.data.findings[0]!.fingerprint);
  });
});

describe('security-scan, pull-request mode against a base that moved on', () => {
  it('compares with the merge base: a line the base branch removed later is not reported as added', async () => {
    const secret = plantSecrets().githubPat;
    const repo = gitRepo('scan-pr-moved-base');
    repo.commit({ 'app.env': `TOKEN=${secret}\nREGION=eu\n` }, 'base');
    repo.git('checkout', '-q', '-b', 'feature');
    const head = repo.commit({ 'notes.md': 'nothing secret\n' }, 'feature work');
    repo.git('checkout', '-q', 'main');
    // main drops the token after the branch was made: a plain base..head diff would show it as added.
    const base = repo.commit({ 'app.env': 'REGION=eu\n' }, 'remove token');
    const events = createTempDir('scan-pr-moved-event');
    const run = await runAction(
      'security-scan',
      { environment: 'production' },
      {
        workspace: repo.dir,
        env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pullRequestEvent(events.path, base, head) },
      },
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(reportOf(run).data).toMatchObject({ result: 'pass', findings: [] });
    expect(reportOf(run).data.compared?.base).toBe(repo.git('merge-base', base, head).trim());
  });
});

describe('security-scan, pull-request mode in a shallow clone', () => {
  it('says the base commit is missing and how to fetch it, without scanning', async () => {
    const { githubPat } = plantSecrets();
    const repo = gitRepo('scan-pr-shallow');
    const head = repo.commit({ 'a.ts': `const t = "${githubPat}";\n` }, 'only commit');
    const events = createTempDir('scan-pr-shallow-event');
    const missing = 'a'.repeat(40);
    const run = await runAction(
      'security-scan',
      {},
      {
        workspace: repo.dir,
        env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pullRequestEvent(events.path, missing, head) },
      },
    );
    expect(run.exitCode).toBe(1);
    expect(run.annotations.map((a) => a.message).join('\n')).toMatch(
      new RegExp(`The commit ${missing} \\(the pull_request event\\) is not in the clone[\\s\\S]*fetch-depth: 0`),
    );
    expect(run.masked).toEqual([]);
    expect(run.stdout).not.toContain('Unexpected error');
  });
});

describe('security-scan, full mode', () => {
  function tree() {
    const secrets = plantSecrets();
    const repo = gitRepo('scan-full');
    repo.commit(
      {
        'src/app.ts': `const token = "${secrets.githubPat}";\nconst ok = "${secrets.stripe}"; // shipgate:allow\n`,
        'node_modules/lib/index.js': `module.exports = "${secrets.slack}";\n`,
        'vendor/pkg/key.go': `var k = "${secrets.awsKeyId}"\n`,
        'package-lock.json': JSON.stringify({
          packages: {
            'node_modules/x': { integrity: 'sha512-q8xDk3mlbe5DgzIqkLD5nc9XT4Gbuwj+gU2FX2fDVhYMXOaMuJBMSJhoaxBTH2Ax=' },
          },
        }),
        'assets/logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), Buffer.from(secrets.slack)]),
      },
      'tree',
    );
    return { repo, secrets };
  }

  it('walks the tree, skipping vendored folders, lockfiles, binaries and allowed lines; leaks nothing', async () => {
    const { repo, secrets } = tree();
    const run = await runAction('security-scan', { environment: 'production' }, { workspace: repo.dir });
    const report = reportOf(run);
    expect(report.data.mode).toBe('full');
    expect(report.data.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}`)).toEqual([
      'github-pat src/app.ts:1',
    ]);
    expect(run.exitCode).toBe(1);
    expect(
      leaks(
        traces(run),
        Object.values(secrets).map((value, i) => ({ name: `secret ${i}`, value })),
      ),
    ).toEqual([]);
    expectMaskedFirst(run, [secrets.githubPat]);
    expect(validateSarif(sarifOf(run))).toBe(true);
  });

  it('exit code by environment: one critical fails production (0 allowed) and passes development (2) and staging (1)', async () => {
    const { repo } = tree();
    const results = await Promise.all(
      ['production', 'staging', 'development'].map(async (environment) => {
        const run = await runAction('security-scan', { environment }, { workspace: repo.dir });
        return [environment, run.exitCode, run.outputs.result] as const;
      }),
    );
    expect(results).toEqual([
      ['production', 1, 'fail'],
      ['staging', 0, 'pass'],
      ['development', 0, 'pass'],
    ]);
  });

  it('takes thresholds from the config file, and accepts baselined findings', async () => {
    const { repo } = tree();
    repo.commit(
      { '.github/shipgate.yml': 'version: 1\nenvironments:\n  production:\n    max-critical: 1\n' },
      'config',
    );
    const relaxed = await runAction('security-scan', { environment: 'production' }, { workspace: repo.dir });
    expect([relaxed.exitCode, relaxed.outputs.result]).toEqual([0, 'pass']);

    const strict = await runAction(
      'security-scan',
      { environment: 'staging', 'max-critical': '0' },
      { workspace: repo.dir },
    );
    expect(strict.exitCode).toBe(1);
    // The run's baseline-file output, committed as it is, accepts what the run found.
    const written = readFileSync(strict.outputs['baseline-file']!, 'utf8');
    expect(JSON.parse(written).findings).toEqual([
      { fingerprint: reportOf(strict).data.findings[0]!.fingerprint, ruleId: 'github-pat', file: 'src/app.ts' },
    ]);
    repo.commit({ '.shipgate-baseline.json': written }, 'baseline');
    const accepted = await runAction(
      'security-scan',
      { environment: 'staging', 'max-critical': '0', baseline: '.shipgate-baseline.json' },
      { workspace: repo.dir },
    );
    expect(accepted.exitCode, accepted.stdout).toBe(0);
    expect(accepted.outputs).toMatchObject({ result: 'pass', critical: '0', suppressed: '1' });
  });
});

describe('security-scan, full mode on a large tree (worker threads)', () => {
  it('scans over 32 MiB on two worker threads started from the bundle, finding what one thread finds', async () => {
    const secrets = plantSecrets();
    const repo = gitRepo('scan-large');
    // 36 files of about 1 MiB of ordinary code, with the planted secrets in some of them.
    const code = (i: number): string =>
      Array.from(
        { length: 16000 },
        (_, n) => `export const handler${i}_${n} = (key: string) => cache.get(key) ?? ${n};\n`,
      ).join('');
    const files: Record<string, string> = {};
    for (let i = 0; i < 36; i++) files[`src/part-${i}.ts`] = code(i);
    files['src/part-3.ts'] += `const token = "${secrets.githubPat}";\n`;
    files['src/part-20.ts'] = `const stripe = "${secrets.stripe}";\n${files['src/part-20.ts']}`;
    files['src/part-35.ts'] += `SLACK = "${secrets.slack}"\nAWS = "${secrets.awsKeyId}"\n`;
    repo.commit(files, 'large tree');
    const bytes = Object.values(files).reduce((sum, text) => sum + text.length, 0);
    expect(bytes).toBeGreaterThan(32 * 1048576);

    const run = await runAction('security-scan', { environment: 'production' }, { workspace: repo.dir });
    expect(run.exitCode, run.stderr).toBe(1);
    const scanner = new SecretScanner({ rules: DEFAULT_RULES, allowlist: DEFAULT_ALLOWLIST });
    const oneThread = Object.keys(files)
      .sort()
      .flatMap((path) => scanner.scan(path, files[path]!));
    expect(oneThread.map((f) => f.ruleId).sort()).toEqual(
      ['aws-access-key-id', 'github-pat', 'slack-bot-token', 'stripe-secret-key'].sort(),
    );
    const shape = (f: { ruleId: string; fingerprint: string; location?: { file: string; line?: number } | null }) =>
      `${f.ruleId} ${f.location?.file}:${f.location?.line} ${f.fingerprint}`;
    expect(reportOf(run).data.findings.map(shape).sort()).toEqual(oneThread.map(shape).sort());
    expect(
      leaks(
        traces(run),
        Object.values(secrets).map((value, i) => ({ name: `secret ${i}`, value })),
      ),
    ).toEqual([]);
    expectMaskedFirst(run, Object.values(secrets));
  });
});

describe('security-scan with a .gitleaks.toml', () => {
  it('imports its rules and allowlists over the built-in set, and lists what it cannot translate', async () => {
    const secrets = plantSecrets();
    const internal = `acme_${plantSecrets().awsKeyId.toLowerCase()}`;
    const repo = gitRepo('scan-gitleaks');
    repo.commit(
      {
        '.gitleaks.toml': [
          '[extend]',
          'useDefault = true',
          '[[rules]]',
          'id = "acme-internal-token"',
          'description = "ACME internal token"',
          "regex = '''acme_[a-z0-9]{20}'''",
          'keywords = ["acme_"]',
          '[[rules]]',
          'id = "unicode-rule"',
          "regex = '''\\p{Greek}+'''",
          '[allowlist]',
          "paths = ['''^fixtures/''']",
        ].join('\n'),
        'src/a.ts': `const t = "${internal}";\nconst p = "${secrets.githubPat}";\n`,
        'fixtures/sample.ts': `const s = "${secrets.stripe}";\n`,
      },
      'tree',
    );
    const run = await runAction('security-scan', { environment: 'development' }, { workspace: repo.dir });
    expect(
      reportOf(run)
        .data.findings.map((f) => f.ruleId)
        .sort(),
    ).toEqual(['acme-internal-token', 'github-pat']);
    expect(run.summary).toContain("'unicode-rule' not applied: regex: Unicode classes");
    expect(
      leaks(traces(run), [
        { name: 'internal', value: internal },
        { name: 'stripe', value: secrets.stripe },
      ]),
    ).toEqual([]);
  });
});

describe('security-scan input errors come before any side effect', () => {
  it.each([
    [{ scanners: 'secrets,image' }, /Input 'image'[\s\S]*scanners includes image/],
    [{ scanners: 'secrets', image: 'alpine:3.20' }, /Input 'scanners'[\s\S]*add image to scanners/],
    [{ 'osv-url': 'api.osv.dev' }, /Input 'osv-url'/],
    [{ 'ignore-file': 'missing.yml' }, /Input 'ignore-file'.*missing\.yml/],
    [{ mode: 'pull-request' }, /Input 'mode' has an invalid value "pull-request"/],
    [{ 'fail-on': 'severe' }, /Input 'fail-on' has an invalid value "severe"/],
    [{ 'max-high': '-1' }, /Input 'max-high'/],
    [{ baseline: 'missing.json' }, /Input 'baseline'.*missing\.json/],
    [{ path: '../outside' }, /Input 'path'/],
    [{ 'sarif-file': 'src' }, /Input 'sarif-file'[\s\S]*is a directory/],
    [
      { image: 'alpine:3.20', 'image-scanners': ',' },
      /Input 'image-scanners' has an invalid value ","[\s\S]*names no item/,
    ],
  ])('%j fails naming the input, with no report, SARIF or mask written', async (inputs, message) => {
    const { githubPat } = plantSecrets();
    const repo = gitRepo('scan-input');
    repo.commit({ 'src/app.ts': `const t = "${githubPat}";\n` }, 'tree');
    const run = await runAction('security-scan', inputs as Record<string, string>, { workspace: repo.dir });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.map((a) => a.message).join('\n')).toMatch(message);
    expect(run.masked).toEqual([]);
    expect(run.outputs.report).toBeUndefined();
    expect(existsSync(join(run.runnerTemp, 'shipgate', 'security-scan.sarif'))).toBe(false);
    expect(run.stdout).not.toContain('Unexpected error');
  });
});

describe('shipgate security-scan (the CLI runs the same bundle)', () => {
  it('scans the current repository, fails by the policy, and prints only the redacted form', async () => {
    const { githubPat } = plantSecrets();
    const repo = gitRepo('scan-cli');
    repo.commit({ 'src/app.ts': `const t = "${githubPat}";\n` }, 'tree');
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve) => {
        const child = execFile(
          requireNode24(),
          [join(repoRoot, 'cli/bin/shipgate.js'), 'security-scan', '--environment', 'production'],
          { cwd: repo.dir, env: { PATH: process.env.PATH ?? '', HOME: repo.dir, NO_COLOR: '1' } },
          (_error, out, err) => resolve({ code: child.exitCode, stdout: out, stderr: err }),
        );
      },
    );
    expect(code).toBe(1);
    expect(stdout).toContain(`src/app.ts:1:12: critical: GitHub personal access token (github-pat)`);
    expect(stdout).toContain(redactSecret(githubPat));
    expect(
      leaks(
        [
          { where: 'stdout', text: stdout },
          { where: 'stderr', text: stderr },
        ],
        [{ name: 'PAT', value: githubPat }],
      ),
    ).toEqual([]);
  });
});

// error-detection's dependencies and build categories on sample repositories: lockfiles out of sync or missing
// (npm, Cargo, Go, Poetry), toolchains declared against the runner's (a PATH holding only Node 24, so the result
// is the same on every machine), and a build command running the real tsc and eslint of this repository.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, requireNode24 } from '../support/paths.js';
import { detect, located, nodeProject, pathWithOnlyNode, readReport, repositoryWith } from './error-detection-setup.js';

describe('error-detection: dependencies', () => {
  it('finds lockfiles out of sync or missing and toolchains the runner lacks', async () => {
    const workspace = repositoryWith({
      ...nodeProject('^2.0.0', '^1.3.0', '<10'),
      'api/Cargo.toml': '[package]\nname = "api"\nversion = "0.1.0"\n\n[dependencies]\nserde = "1"\nanyhow = "1"\n',
      'api/Cargo.lock':
        'version = 3\n\n[[package]]\nname = "api"\nversion = "0.1.0"\n\n[[package]]\nname = "anyhow"\nversion = "1.0.86"\n',
      'worker/go.mod': 'module example.com/worker\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n',
      'jobs/pyproject.toml':
        '[tool.poetry]\nname = "jobs"\n\n[tool.poetry.dependencies]\npython = "^3.11"\nrequests = "^2.31"\n',
    });
    const run = await detect(workspace, { categories: 'dependencies' }, { PATH: pathWithOnlyNode() });
    const report = readReport(run);
    expect(located(report)).toEqual([
      'dependencies/lockfile-out-of-sync api/Cargo.toml:6:1',
      'dependencies/lockfile-out-of-sync package.json:5:5',
      'dependencies/missing-lockfile worker/go.mod:1:1',
      'dependencies/missing-lockfile jobs/pyproject.toml:1:1',
      'dependencies/toolchain-missing worker/go.mod:3:1',
      'dependencies/toolchain-mismatch package.json:8:5',
    ]);
    const bySeverity = report.data.findings.map((f) => f.severity);
    expect(bySeverity).toEqual(['critical', 'critical', 'critical', 'high', 'high', 'medium']);
    expect(report.data.findings[1]?.message).toContain(
      'left-pad is ^2.0.0 in package.json but ^1.3.0 in package-lock.json',
    );
    expect(report.data.commands.map((c) => `${c.directory}: ${c.command}`).sort()).toEqual([
      '.: npm install --package-lock-only',
      'api: cargo update --workspace',
      'jobs: poetry lock',
      'worker: go mod tidy',
    ]);
    expect(run.outputs['patch-file']).toBeTruthy();
    expect(run.outputs.result).toBe('fail');
  });

  it('passes a repository whose locks match, yarn and pnpm included', async () => {
    const yarn = '# yarn lockfile v1\n\n\n"left-pad@^1.3.0":\n  version "1.3.0"\n';
    const pnpm =
      "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      left-pad:\n        specifier: ^1.3.0\n        version: 1.3.0\n";
    const manifest = nodeProject()['package.json'] ?? '';
    const workspace = repositoryWith({
      'a/package.json': manifest,
      'a/yarn.lock': yarn,
      'b/package.json': manifest,
      'b/pnpm-lock.yaml': pnpm,
    });
    const run = await detect(workspace, {}, { PATH: pathWithOnlyNode() });
    expect(run.exitCode, run.log).toBe(0);
    expect(readReport(run).data.findings).toEqual([]);
  });
});

describe('error-detection: build', () => {
  it('turns the real tsc and eslint diagnostics into findings at file:line:column', async () => {
    const workspace = repositoryWith({
      'tsconfig.json': '{"compilerOptions": {"strict": true, "noEmit": true}, "include": ["src"]}\n',
      'src/app.ts': "export const port: number = 'eighty';\n",
      'eslint.config.js':
        "export default [{ files: ['**/*.js'], rules: { 'no-unused-vars': 'error', 'no-console': 'warn' } }];\n",
      'lib/util.js': "const unused = 1;\nconsole.log('x');\n",
      'package.json': '{"type": "module"}\n',
      'check.sh': `${requireNode24()} ${join(repoRoot, 'node_modules/typescript/bin/tsc')} -p .\nstatus=$?\n${requireNode24()} ${join(repoRoot, 'node_modules/eslint/bin/eslint.js')} lib\nexit $((status + $?))\n`,
    });
    const run = await detect(workspace, { categories: 'build', 'build-command': 'sh check.sh' });
    const report = readReport(run);
    expect(located(report)).toEqual([
      'build/eslint lib/util.js:1:7',
      'build/tsc src/app.ts:1:14',
      'build/eslint lib/util.js:2:1',
    ]);
    expect(report.data.findings.map((f) => f.severity)).toEqual(['critical', 'critical', 'medium']);
    expect(report.data.findings[1]?.message).toMatch(/^TS2322: Type 'string' is not assignable to type 'number'/);
    expect(run.outputs).toMatchObject({ result: 'fail', score: '0', errors: '2', warnings: '1' });
  });

  it('reports a failed command with nothing recognisable as one finding with the end of its output', async () => {
    const workspace = repositoryWith({ 'fail.mjs': "console.error('something broke');\nprocess.exit(3);\n" });
    const run = await detect(workspace, { 'build-command': 'node fail.mjs' });
    const report = readReport(run);
    expect(located(report)).toEqual(['build/failed ::']);
    expect(report.data.findings[0]?.message).toContain('exited with code 3');
    expect(report.data.findings[0]?.message).toContain('something broke');
  });
});

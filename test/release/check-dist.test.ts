// scripts/check-dist.sh with the repository's .gitattributes (dist/** -diff): `git diff` no longer prints the bundles'
// lines, and the check must still see every change. The real script and attributes run in a temporary repository
// whose build is a stand-in (scripts/build.js writes dist/rollback/index.js from BUILD_OUTPUT; gen-validators lists
// nothing), so no real build is needed.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

let root: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
const checkDist = (output: string) =>
  spawnSync('bash', ['scripts/check-dist.sh'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, BUILD_OUTPUT: output },
  });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'shipgate-check-dist-'));
  mkdirSync(join(root, 'scripts'));
  mkdirSync(join(root, 'dist', 'rollback'), { recursive: true });
  copyFileSync(join(repoRoot, 'scripts', 'check-dist.sh'), join(root, 'scripts', 'check-dist.sh'));
  copyFileSync(join(repoRoot, '.gitattributes'), join(root, '.gitattributes'));
  writeFileSync(
    join(root, 'scripts', 'build.js'),
    "require('fs').writeFileSync('dist/rollback/index.js', process.env.BUILD_OUTPUT);\n",
  );
  writeFileSync(join(root, 'scripts', 'gen-validators.js'), '');
  writeFileSync(join(root, 'package.json'), '{ "type": "commonjs" }\n');
  writeFileSync(join(root, 'dist', 'rollback', 'index.js'), 'export const version = 1;\n');
  git('init', '--quiet', '--initial-branch=main');
  git('add', '--all');
  git(
    '-c',
    'user.name=t',
    '-c',
    'user.email=t@example.test',
    '-c',
    'commit.gpgsign=false',
    'commit',
    '--quiet',
    '-m',
    'x',
  );
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('check-dist.sh with dist/** marked -diff', () => {
  it('marks the bundles generated and without a text diff', () => {
    expect(git('check-attr', 'diff', 'linguist-generated', '--', 'dist/rollback/index.js')).toBe(
      'dist/rollback/index.js: diff: unset\ndist/rollback/index.js: linguist-generated: true\n',
    );
  });

  it('passes when the build reproduces the committed bundle', () => {
    const result = checkDist('export const version = 1;\n');
    expect(result.stdout).toContain('dist/ is fresh.');
    expect(result.status).toBe(0);
  });

  it('fails and names the bundle when the build differs from it', () => {
    const result = checkDist('export const version = 2;\n');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('The committed bundles or generated files');
    expect(result.stderr).toContain(' M dist/rollback/index.js');
    // `git diff --stat` reports the binary change instead of hiding it.
    expect(result.stderr).toMatch(/dist\/rollback\/index\.js \| Bin \d+ -> \d+ bytes/);
  });
});

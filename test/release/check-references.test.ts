import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  candidateFiles,
  checkFile,
  checkRepository,
  fixFile,
  repositoryOf,
  scopeOf,
} from '../../scripts/check-references.js';
import { repoRoot } from '../support/paths.js';

// The files a `$/` reference may name in these tests.
const present = new Set(['actions/canary-deploy/action.yml', 'action.yml', '.github/workflows/deploy.yml']);
const options = { version: '1.4.0', owner: 'acme', exists: (path: string) => present.has(path) };

const reusable = (steps: string, extraJobs = '') => `on:
  workflow_call:
    inputs:
      version: { type: string, required: true }
permissions: {}
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
${steps}
${extraJobs}`;

const messages = (path: string, text: string) =>
  checkFile(path, text, options).map((p) => `${p.line}:${p.column} ${p.reference}: ${p.message}`);

describe('scopeOf', () => {
  it('applies the rules to reusable workflows and to examples only', () => {
    expect(scopeOf('.github/workflows/deploy.yml', reusable('      - run: true'))).toBe('reusable-workflow');
    expect(scopeOf('.github/workflows/both.yml', 'on: [push, workflow_call]\njobs: {}')).toBe('reusable-workflow');
    // CI tests the checked-out code: there `./actions/x` is right.
    expect(scopeOf('.github/workflows/ci.yml', 'on: { push: {} }\njobs: {}')).toBeUndefined();
    expect(scopeOf('examples/vm-nginx/deploy.yml', 'on: push')).toBe('example');
    expect(scopeOf('examples/vm-nginx/README.md', '# x')).toBe('example');
    expect(scopeOf('examples/app/server.js', '')).toBeUndefined();
  });
});

describe('checkFile on a reusable workflow', () => {
  const path = '.github/workflows/deploy.yml';

  it('accepts `$/` references to actions, the root action and workflows that exist', () => {
    const text = reusable(
      '      - uses: $/actions/canary-deploy\n      - uses: $/.\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
      '  train:\n    uses: $/.github/workflows/deploy.yml\n',
    );
    expect(messages(path, text)).toEqual([]);
  });

  it("refuses `./` (the caller's checkout), naming the line and the fix", () => {
    expect(messages(path, reusable('      - uses: ./actions/canary-deploy'))).toEqual([
      "10:15 ./actions/canary-deploy: runs the caller's checkout, not this release; write `$/actions/canary-deploy`",
    ]);
  });

  it('refuses our actions and workflows by tag, branch or SHA, even the version being released', () => {
    const text = reusable(
      '      - uses: OWNER/shipgate/actions/canary-deploy@v1.4.0\n      - uses: acme/shipgate@main',
      "  train:\n    uses: 'acme/shipgate/.github/workflows/deploy.yml@0123456789012345678901234567890123456789'\n",
    );
    expect(messages(path, text)).toEqual([
      '10:15 OWNER/shipgate/actions/canary-deploy@v1.4.0: runs whatever `v1.4.0` points at, not this release; write `$/actions/canary-deploy`',
      '11:15 acme/shipgate@main: runs whatever `main` points at, not this release; a bare `$/` is rejected by GitHub (it needs a path), so the root action is reached through its own directory: write `$/actions/preflight` and keep an action.yml there',
      '13:11 acme/shipgate/.github/workflows/deploy.yml@0123456789012345678901234567890123456789: runs whatever `0123456789012345678901234567890123456789` points at, not this release; write `$/.github/workflows/deploy.yml`',
    ]);
  });

  it("refuses another owner's copy, a `$/` with a ref, a `$/` naming nothing, and a bare `$/`", () => {
    const text = reusable(
      '      - uses: someone/shipgate/actions/rollback@v1\n      - uses: $/actions/canary-deploy@v1\n      - uses: $/actions/canary-deplyo\n      - uses: $/',
    );
    expect(messages(path, text)).toEqual([
      '10:15 someone/shipgate/actions/rollback@v1: refers to someone/shipgate, not this repository; write `$/actions/rollback`',
      '11:15 $/actions/canary-deploy@v1: a `$/` reference takes no @ref: it is always the commit of this file',
      '12:15 $/actions/canary-deplyo: no action.yml or workflow at actions/canary-deplyo in this repository',
      // The runner reads a bare `$/` as {org}/{repo}@ref and fails (actions/runner TryParseSelfRepository).
      '13:15 $/: a bare `$/` is rejected by GitHub (it needs a path), so the root action is reached through its own directory: write `$/actions/preflight` and keep an action.yml there',
    ]);
  });
});

describe('checkFile on an example', () => {
  it('accepts references to exactly the release, with the placeholder or the real owner', () => {
    const workflow = `on: push
jobs:
  deploy:
    uses: OWNER/shipgate/.github/workflows/deploy.yml@v1.4.0
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/shipgate/actions/synthetic-probes@v1.4.0
      - uses: ./.github/actions/build-my-app
`;
    expect(messages('examples/vm-nginx/deploy.yml', workflow)).toEqual([]);
  });

  it('refuses another version, a missing ref, `$/` and `./` paths to our parts, in YAML and in Markdown', () => {
    const workflow = `on: push
jobs:
  deploy:
    uses: OWNER/shipgate/.github/workflows/deploy.yml@v1
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/shipgate/actions/synthetic-probes
      - uses: $/actions/rollback
      - uses: ./actions/rollback
`;
    expect(messages('examples/vm-nginx/deploy.yml', workflow)).toEqual([
      '4:11 OWNER/shipgate/.github/workflows/deploy.yml@v1: refers to v1; this release is v1.4.0',
      '8:15 acme/shipgate/actions/synthetic-probes: has no ref (it would run the default branch); write `acme/shipgate/actions/synthetic-probes@v1.4.0`',
      "9:15 $/actions/rollback: `$/` is the user's own repository once the example is copied; write `acme/shipgate/actions/rollback@v1.4.0`",
      "10:15 ./actions/rollback: a copied example would run the user's own files; write `acme/shipgate/actions/rollback@v1.4.0`",
    ]);
    const readme =
      'Copy this:\n\n```yaml\n    uses: OWNER/shipgate/.github/workflows/deploy.yml@v1.3.9\n```\nor fork/shipgate@v1.4.0\n';
    expect(messages('examples/vm-nginx/README.md', readme)).toEqual([
      '4:11 OWNER/shipgate/.github/workflows/deploy.yml@v1.3.9: refers to v1.3.9; this release is v1.4.0',
      '6:4 fork/shipgate@v1.4.0: refers to fork/shipgate, not this repository (acme/shipgate)',
    ]);
  });
});

describe('fixFile', () => {
  it('makes the reusable workflow refer to itself with `$/`, and leaves other actions alone', () => {
    const before = reusable(
      "      - uses: ./actions/canary-deploy\n      - uses: 'OWNER/shipgate/actions/rollback@v1' # pinned\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2",
      '  train:\n    uses: acme/shipgate/.github/workflows/deploy.yml@main\n',
    );
    const after = fixFile('.github/workflows/deploy.yml', before, options);
    expect(after).toContain('      - uses: $/actions/canary-deploy\n');
    expect(after).toContain("      - uses: '$/actions/rollback' # pinned\n");
    expect(after).toContain('actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2');
    expect(after).toContain('    uses: $/.github/workflows/deploy.yml\n');
    // The root action has no `$/` form: left for the check to report.
    expect(fixFile('.github/workflows/p.yml', reusable('      - uses: acme/shipgate@v1'), options)).toContain(
      '      - uses: acme/shipgate@v1\n',
    );
    expect(checkFile('.github/workflows/deploy.yml', after, { ...options, exists: () => true })).toEqual([]);
  });

  it('points every reference of an example at the release and fills in the owner, leaving other owners alone', () => {
    const before =
      'uses: OWNER/shipgate/.github/workflows/deploy.yml@v1 # and OWNER/shipgate@v0.9.0, fork/shipgate@v1\n';
    expect(fixFile('examples/x/deploy.yml', before, options)).toBe(
      'uses: acme/shipgate/.github/workflows/deploy.yml@v1.4.0 # and acme/shipgate@v1.4.0, fork/shipgate@v1\n',
    );
    // Without a known owner the placeholder stays.
    expect(fixFile('examples/x/README.md', 'OWNER/shipgate/actions/rollback@v1', { version: '2.0.0' })).toBe(
      'OWNER/shipgate/actions/rollback@v2.0.0',
    );
  });
});

describe('repositoryOf', () => {
  it('takes --owner, then GITHUB_REPOSITORY, then package.json repository, else leaves the owner unknown', () => {
    const pkg = { name: 'shipgate', repository: { type: 'git', url: 'git+https://github.com/acme/shipgate.git' } };
    expect(repositoryOf(pkg, { owner: 'me' })).toEqual({ owner: 'me', name: 'shipgate' });
    expect(repositoryOf(pkg, { githubRepository: 'ci-org/shipgate' })).toEqual({ owner: 'ci-org', name: 'shipgate' });
    expect(repositoryOf(pkg)).toEqual({ owner: 'acme', name: 'shipgate' });
    expect(repositoryOf({ name: 'shipgate', repository: 'github:other/shipgate' })).toEqual({
      owner: 'other',
      name: 'shipgate',
    });
    expect(repositoryOf({ name: 'shipgate' })).toEqual({ owner: undefined, name: 'shipgate' });
  });
});

describe('checkRepository', () => {
  let root: string | undefined;
  afterEach(() => root && rmSync(root, { recursive: true, force: true }));

  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root!, path)), { recursive: true });
    writeFileSync(join(root!, path), text);
  };

  it('finds the workflows and examples, checks them against the files on disk, and --fix repairs them', () => {
    root = mkdtempSync(join(tmpdir(), 'shipgate-refs-'));
    write('actions/rollback/action.yml', 'name: rollback\n');
    write('.github/workflows/rollback.yml', reusable('      - uses: ./actions/rollback'));
    write(
      '.github/workflows/ci.yml',
      'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: ./actions/rollback\n',
    );
    write('examples/vm/rollback.yml', 'jobs:\n  r:\n    uses: OWNER/shipgate/.github/workflows/rollback.yml@v1\n');
    write('examples/vm/README.md', 'See OWNER/shipgate/actions/rollback@v1.\n');
    write('examples/app/server.js', "// OWNER/shipgate@v1 in code is not an example's reference\n");
    expect(candidateFiles(root)).toEqual([
      '.github/workflows/ci.yml',
      '.github/workflows/rollback.yml',
      'examples/vm/README.md',
      'examples/vm/rollback.yml',
    ]);
    expect(checkRepository(root, { version: '2.0.0' }).map((p) => p.file)).toEqual([
      '.github/workflows/rollback.yml',
      'examples/vm/README.md',
      'examples/vm/rollback.yml',
    ]);
    expect(checkRepository(root, { version: '2.0.0', owner: 'acme', fix: true })).toEqual([]);
    expect(readFileSync(join(root, '.github/workflows/rollback.yml'), 'utf8')).toContain('- uses: $/actions/rollback');
    expect(readFileSync(join(root, 'examples/vm/README.md'), 'utf8')).toBe(
      'See acme/shipgate/actions/rollback@v2.0.0.\n',
    );
  });

  it("passes on this repository's own workflows and examples at package.json's version", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const { owner, name } = repositoryOf(pkg);
    expect(checkRepository(repoRoot, { version: pkg.version, owner, name })).toEqual([]);
  });
});

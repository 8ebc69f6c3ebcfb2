// The release script on a real git repository in a temporary folder, with real `npm run build` and
// `npm run check-dist` (small stand-ins for ours, defined in the test repository's package.json: the build writes
// dist/version.txt from package.json; check-dist rebuilds and fails when the tree changed, as scripts/check-dist.sh
// does). Nothing is pushed: the repository has no remote.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  changelogSection,
  compareVersions,
  filesToRewrite,
  parseVersion,
  prepare,
  release,
  releaseChangelog,
  releaseDocument,
  verify,
} from '../../scripts/release.js';

const CHANGELOG = `# Changelog

## [Unreleased]

### Added

- The rollback workflow, OWNER/shipgate/.github/workflows/rollback.yml.

[Unreleased]: https://github.com/OWNER/shipgate/commits/main
`;

const BUILD =
  "require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/version.txt',require('./package.json').version)";
const CHECK_DIST = `${BUILD};process.exit(require('child_process').execSync('git status --porcelain').length>0?1:0)`;

let root: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
const quiet = () => undefined;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'shipgate-release-'));
  git('init', '--quiet', '--initial-branch=main');
  for (const [key, value] of [
    ['user.name', 'Release Test'],
    ['user.email', 'release@example.test'],
    ['commit.gpgsign', 'false'],
    ['tag.gpgsign', 'false'],
  ] as const)
    git('config', key, value);
  write(
    'package.json',
    `${JSON.stringify({ name: 'shipgate', version: '0.1.0', scripts: { build: `node -e "${BUILD}"`, 'check-dist': `node -e "${CHECK_DIST}"` } }, null, 2)}\n`,
  );
  write(
    'package-lock.json',
    `${JSON.stringify({ name: 'shipgate', version: '0.1.0', lockfileVersion: 3, packages: { '': { version: '0.1.0' } } }, null, 2)}\n`,
  );
  write('CHANGELOG.md', CHANGELOG);
  write('dist/version.txt', '0.1.0');
  write(
    'actions/rollback/action.yml',
    'name: rollback\nruns:\n  using: node24\n  main: ../../dist/rollback/index.js\n',
  );
  write('actions/rollback/README.md', 'Use `OWNER/shipgate/actions/rollback@v1` (see OWNER/shipgate).\n');
  write('README.md', '# Shipgate\n');
  write('.github/CODEOWNERS', '# OWNER is filled in\n*  @OWNER/maintainers\n');
  write(
    '.github/workflows/rollback.yml',
    'on:\n  workflow_call:\npermissions: {}\njobs:\n  rollback:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./actions/rollback\n',
  );
  write(
    'examples/vm/rollback.yml',
    'on: workflow_dispatch\njobs:\n  r:\n    uses: OWNER/shipgate/.github/workflows/rollback.yml@v0.1.0\n',
  );
  git('add', '--all');
  git('commit', '--quiet', '--message', 'first');
  git('tag', '--annotate', 'v0.1.0', '--message', 'v0.1.0');
  git('tag', 'v0', 'v0.1.0^{commit}');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('parseVersion and compareVersions', () => {
  it('takes X.Y.Z only, and orders numerically', () => {
    expect(parseVersion('1.10.0')).toEqual([1, 10, 0]);
    for (const bad of ['v1.2.3', '1.2', '01.2.3', '1.2.3-rc.1', ''])
      expect(() => parseVersion(bad)).toThrow(`version '${bad}' is not X.Y.Z (for example 1.4.0), without a leading v`);
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('1.2.3', '1.2.3')).toBe(0);
  });
});

describe('releaseChangelog and changelogSection', () => {
  it('dates the Unreleased section, opens a new one and links the compare views', () => {
    const released = releaseChangelog(CHANGELOG, {
      version: '0.2.0',
      date: '2026-12-03',
      repositoryUrl: 'https://github.com/acme/shipgate',
      previousTag: 'v0.1.0',
    });
    expect(released).toContain(
      '## [Unreleased]\n\n## [0.2.0] - 2026-12-03\n\n### Added\n\n- The rollback workflow, OWNER/shipgate/.github/workflows/rollback.yml.\n',
    );
    expect(released).toContain(
      '[Unreleased]: https://github.com/acme/shipgate/compare/v0.2.0...HEAD\n[0.2.0]: https://github.com/acme/shipgate/compare/v0.1.0...v0.2.0\n',
    );
    expect(changelogSection(released, '0.2.0')).toBe(
      '### Added\n\n- The rollback workflow, OWNER/shipgate/.github/workflows/rollback.yml.',
    );
    expect(changelogSection(released, 'Unreleased')).toBe('');
    expect(() =>
      releaseChangelog(released, { version: '0.3.0', date: 'd', repositoryUrl: 'u', previousTag: undefined }),
    ).toThrow('CHANGELOG.md has nothing under ## [Unreleased]');
  });
});

describe('releaseDocument', () => {
  it("fills in the owner and moves our references to the release's major tag, and no one else's", () => {
    expect(
      releaseDocument(
        'OWNER/shipgate/actions/rollback@v1, OWNER/shipgate@v0.9.1, fork/shipgate@v1, see OWNER/shipgate',
        {
          owner: 'acme',
          name: 'shipgate',
          major: 2,
        },
      ),
    ).toBe('acme/shipgate/actions/rollback@v2, acme/shipgate@v2, fork/shipgate@v1, see acme/shipgate');
  });
});

describe('prepare', () => {
  it('refuses a dirty tree, another branch, an existing tag, a version below the current one, an unknown owner', () => {
    expect(() => prepare(root, { version: '0.1.0', owner: 'acme' })).toThrow('the tag v0.1.0 exists already');
    expect(() => prepare(root, { version: '0.0.9', owner: 'acme' })).toThrow(
      "version 0.0.9 is below package.json's 0.1.0",
    );
    expect(() => prepare(root, { version: '0.2.0' })).toThrow(
      'the GitHub owner of this repository is unknown: pass --owner <owner>, or set "repository" in package.json',
    );
    write('README.md', '# changed\n');
    expect(() => prepare(root, { version: '0.2.0', owner: 'acme' })).toThrow(
      'the working tree has changes; commit or stash them first:\n M README.md',
    );
    git('checkout', '--quiet', '--', 'README.md');
    git('switch', '--quiet', '--create', 'feature');
    expect(() => prepare(root, { version: '0.2.0', owner: 'acme' })).toThrow(
      "releases are made from main; this is 'feature'",
    );
  });

  it('writes nothing (the dry run), and lists the files a release would rewrite', () => {
    const plan = prepare(root, { version: '0.2.0', owner: 'acme', dryRun: true });
    expect(plan).toMatchObject({ tag: 'v0.2.0', major: 0, owner: 'acme', previousTag: 'v0.1.0' });
    expect(filesToRewrite(root, plan)).toEqual([
      'actions/rollback/README.md',
      '.github/workflows/rollback.yml',
      'examples/vm/rollback.yml',
      '.github/CODEOWNERS',
    ]);
    expect(git('status', '--porcelain')).toBe('');
    expect(git('tag', '--list')).toBe('v0\nv0.1.0');
    // Inside Actions the owner comes from GITHUB_REPOSITORY.
    expect(prepare(root, { version: '0.2.0', githubRepository: 'ci-org/shipgate', dryRun: true }).owner).toBe('ci-org');
  });
});

describe('release', () => {
  it('commits the release, tags vX.Y.Z, moves the major tag, and prints the push', () => {
    const start = git('rev-parse', 'HEAD');
    const next = release(root, prepare(root, { version: '0.2.0', owner: 'acme' }), undefined, quiet);
    expect(next).toBe('git push origin main v0.2.0 && git push --force origin v0');

    const head = git('rev-parse', 'HEAD');
    expect(git('rev-parse', 'HEAD^')).toBe(start);
    expect(git('log', '-1', '--format=%s')).toBe('Release v0.2.0');
    expect(git('rev-parse', 'v0.2.0^{commit}')).toBe(head);
    expect(git('cat-file', '-t', 'v0.2.0')).toBe('tag');
    expect(git('rev-parse', 'v0')).toBe(head);
    expect(git('rev-parse', 'v0.1.0^{commit}')).toBe(start);
    expect(git('status', '--porcelain')).toBe('');
    expect(git('remote')).toBe('');

    expect(JSON.parse(read('package.json'))).toMatchObject({
      version: '0.2.0',
      repository: { type: 'git', url: 'git+https://github.com/acme/shipgate.git' },
    });
    expect(JSON.parse(read('package-lock.json'))).toMatchObject({
      version: '0.2.0',
      packages: { '': { version: '0.2.0' } },
    });
    expect(read('dist/version.txt')).toBe('0.2.0');
    expect(read('.github/workflows/rollback.yml')).toContain('      - uses: $/actions/rollback\n');
    expect(read('examples/vm/rollback.yml')).toContain('uses: acme/shipgate/.github/workflows/rollback.yml@v0.2.0\n');
    expect(read('.github/CODEOWNERS')).toBe('# OWNER is filled in\n*  @acme/maintainers\n');
    expect(read('actions/rollback/README.md')).toBe('Use `acme/shipgate/actions/rollback@v0` (see acme/shipgate).\n');
    expect(changelogSection(read('CHANGELOG.md'), '0.2.0')).toBe(
      '### Added\n\n- The rollback workflow, acme/shipgate/.github/workflows/rollback.yml.',
    );
    expect(verify(root, '0.2.0')).toEqual([]);
  });

  it('puts the tree and the tags back when dist/ is not what the sources build', () => {
    const start = git('rev-parse', 'HEAD');
    // A build that writes something new each time: the rebuild after the commit differs.
    const pkg = JSON.parse(read('package.json'));
    pkg.scripts.build = `node -e "require('fs').writeFileSync('dist/version.txt',String(process.hrtime.bigint()))"`;
    pkg.scripts['check-dist'] = pkg.scripts.build.replace(
      /"$/,
      `;process.exit(require('child_process').execSync('git status --porcelain').length>0?1:0)"`,
    );
    write('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
    git('commit', '--quiet', '--all', '--message', 'an unreproducible build');
    const before = git('rev-parse', 'HEAD');

    expect(() => release(root, prepare(root, { version: '0.2.0', owner: 'acme' }), undefined, quiet)).toThrow(
      `release v0.2.0 stopped, and the tree is back at ${before.slice(0, 12)}: 'npm run check-dist' failed`,
    );
    expect(git('rev-parse', 'HEAD')).toBe(before);
    expect(git('status', '--porcelain')).toBe('');
    expect(git('tag', '--list')).toBe('v0\nv0.1.0');
    expect(git('rev-parse', 'v0')).toBe(start);
  });
});

describe('verify', () => {
  it('names each disagreement between the tag, package.json, the references and the changelog', () => {
    expect(verify(root, '0.2.0')).toEqual([
      'package.json says 0.1.0, the tag v0.2.0',
      ".github/workflows/rollback.yml:8:15: ./actions/rollback: runs the caller's checkout, not this release; write `$/actions/rollback`",
      'examples/vm/rollback.yml:4:11: OWNER/shipgate/.github/workflows/rollback.yml@v0.1.0: refers to v0.1.0; this release is v0.2.0',
      'CHANGELOG.md has no section ## [0.2.0]',
    ]);
  });
});

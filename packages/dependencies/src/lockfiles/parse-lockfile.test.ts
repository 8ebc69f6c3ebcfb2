import { describe, expect, it } from 'vitest';
import cargo from '../../../../test/fixtures/lockfiles/cargo/Cargo.lock?raw';
import goMod from '../../../../test/fixtures/lockfiles/go/go.mod?raw';
import goSumOnly from '../../../../test/fixtures/lockfiles/go-sum-only/go.sum?raw';
import npmV1 from '../../../../test/fixtures/lockfiles/npm-v1/package-lock.json?raw';
import npmV2 from '../../../../test/fixtures/lockfiles/npm-v2/package-lock.json?raw';
import npmV3 from '../../../../test/fixtures/lockfiles/npm-v3/package-lock.json?raw';
import composer from '../../../../test/fixtures/lockfiles/php/composer.lock?raw';
import pipfile from '../../../../test/fixtures/lockfiles/pipenv/Pipfile.lock?raw';
import pnpmV6 from '../../../../test/fixtures/lockfiles/pnpm-v6/pnpm-lock.yaml?raw';
import pnpmV9 from '../../../../test/fixtures/lockfiles/pnpm-v9/pnpm-lock.yaml?raw';
import poetry from '../../../../test/fixtures/lockfiles/poetry/poetry.lock?raw';
import requirements from '../../../../test/fixtures/lockfiles/python/requirements.txt?raw';
import gemfile from '../../../../test/fixtures/lockfiles/ruby/Gemfile.lock?raw';
import shrinkwrap from '../../../../test/fixtures/lockfiles/shrinkwrap/npm-shrinkwrap.json?raw';
import yarnBerry from '../../../../test/fixtures/lockfiles/yarn-berry/yarn.lock?raw';
import yarnClassic from '../../../../test/fixtures/lockfiles/yarn-classic/yarn.lock?raw';
import { isLockfile, parseLockfile, selectLockfiles } from './index.js';

/** `name@version:line` for each package, so a test reads like the lockfile. */
function summary(file: string, text: string): string[] {
  return parseLockfile(file, text).packages.map((p) => `${p.ecosystem} ${p.name}@${p.version}:${p.line}`);
}

/** The line of the first occurrence of `needle`, read independently of the parser. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('parseLockfile', () => {
  it('reads npm v3 install paths, nested copies once per version, aliases by real name, no links or workspaces', () => {
    expect(summary('package-lock.json', npmV3)).toEqual([
      `npm @types/node@20.8.10:${lineOf(npmV3, '"node_modules/@types/node"')}`,
      `npm asynckit@0.4.0:${lineOf(npmV3, '"node_modules/asynckit"')}`,
      `npm axios@1.5.1:${lineOf(npmV3, '"node_modules/axios"')}`,
      `npm follow-redirects@1.15.3:${lineOf(npmV3, '"node_modules/follow-redirects"')}`,
      `npm lodash@4.17.11:${lineOf(npmV3, '"node_modules/lodash"')}`,
      `npm minimist@1.2.5:${lineOf(npmV3, '"node_modules/minimist"')}`,
      `npm semver@7.5.1:${lineOf(npmV3, '"node_modules/semver"')}`,
      `npm string-width-cjs@4.2.3:${lineOf(npmV3, '"node_modules/string-width"')}`,
      `npm undici-types@5.26.5:${lineOf(npmV3, '"node_modules/undici-types"')}`,
    ]);
  });

  it('reads the nested npm v1 tree, resolves npm: aliases and skips file: dependencies', () => {
    const parsed = parseLockfile('app/package-lock.json', npmV1);
    expect(parsed.packages.map((p) => `${p.name}@${p.version}:${p.line}`)).toEqual([
      `lodash@4.17.11:${lineOf(npmV1, '"lodash"')}`,
      `mkdirp@0.5.1:${lineOf(npmV1, '"mkdirp"')}`,
      `minimist@0.0.8:${lineOf(npmV1, '"minimist": {')}`,
      `string-width@4.2.3:${lineOf(npmV1, '"string-width-cjs"')}`,
    ]);
    expect(parsed.packages[0]?.file).toBe('app/package-lock.json');
    expect(parsed.skipped).toEqual([expect.stringContaining("my-local is installed from 'file:../my-local'")]);
  });

  it('prefers the packages section of npm v2 and reads npm-shrinkwrap.json the same way', () => {
    expect(summary('package-lock.json', npmV2)).toEqual([`npm semver@6.3.0:${lineOf(npmV2, '"node_modules/semver"')}`]);
    expect(summary('npm-shrinkwrap.json', shrinkwrap)).toEqual(summary('package-lock.json', npmV2));
  });

  it('reads yarn classic headers and skips file: entries', () => {
    const parsed = parseLockfile('yarn.lock', yarnClassic);
    expect(parsed.packages.map((p) => `${p.name}@${p.version}:${p.line}`)).toEqual([
      `@babel/code-frame@7.22.13:${lineOf(yarnClassic, '"@babel/code-frame@^7.0.0"')}`,
      `lodash@4.17.11:${lineOf(yarnClassic, 'lodash@^4.17.11')}`,
      `minimist@1.2.8:${lineOf(yarnClassic, 'minimist@^1.2.0')}`,
    ]);
    expect(parsed.skipped).toEqual([expect.stringContaining("my-theme@file:./theme comes from 'file:'")]);
  });

  it('reads yarn berry by resolution and skips workspaces', () => {
    const parsed = parseLockfile('yarn.lock', yarnBerry);
    expect(parsed.packages.map((p) => `${p.name}@${p.version}:${p.line}`)).toEqual([
      `@types/node@20.8.10:${lineOf(yarnBerry, '"@types/node@npm:^20.8.0"')}`,
      `axios@1.5.1:${lineOf(yarnBerry, '"axios@npm:^1.5.0"')}`,
      `semver@7.5.1:${lineOf(yarnBerry, '"semver@npm:^7.5.0')}`,
    ]);
    expect(parsed.skipped).toEqual([expect.stringContaining("storefront@workspace:. comes from 'workspace:'")]);
    expect(parsed.skipped[0]).toMatch(/^yarn\.lock:\d+: storefront@workspace/);
  });

  it('reads pnpm v6 keys with peer suffixes and skips tarball entries', () => {
    const parsed = parseLockfile('pnpm-lock.yaml', pnpmV6);
    expect(parsed.packages.map((p) => `${p.name}@${p.version}:${p.line}`)).toEqual([
      `@types/node@20.8.10:${lineOf(pnpmV6, '/@types/node@20.8.10:')}`,
      `axios@1.5.1:${lineOf(pnpmV6, '/axios@1.5.1:')}`,
      `react-dom@18.2.0:${lineOf(pnpmV6, '/react-dom@18.2.0(')}`,
      `undici-types@5.26.5:${lineOf(pnpmV6, '/undici-types@5.26.5:')}`,
    ]);
    expect(parsed.skipped).toEqual([expect.stringContaining('github.com/acme/widgets')]);
  });

  it('reads pnpm v9 packages (quoted scoped keys) and ignores snapshots', () => {
    expect(summary('pnpm-lock.yaml', pnpmV9)).toEqual([
      `npm @types/node@20.8.10:${lineOf(pnpmV9, "  '@types/node@20.8.10':")}`,
      `npm lodash@4.17.11:${lineOf(pnpmV9, '  lodash@4.17.11:\n')}`,
      `npm undici-types@5.26.5:${lineOf(pnpmV9, '  undici-types@5.26.5:\n')}`,
    ]);
  });

  it('reads registry crates of Cargo.lock, not the workspace crate, and lists git crates', () => {
    const parsed = parseLockfile('Cargo.lock', cargo);
    expect(parsed.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version}:${p.line}`)).toEqual([
      `crates.io aho-corasick@0.7.20:${lineOf(cargo, 'name = "aho-corasick"')}`,
      `crates.io memchr@2.5.0:${lineOf(cargo, 'name = "memchr"')}`,
      `crates.io regex@1.5.4:${lineOf(cargo, 'name = "regex"')}`,
      `crates.io regex-syntax@0.6.25:${lineOf(cargo, 'name = "regex-syntax"')}`,
    ]);
    expect(parsed.skipped).toEqual([expect.stringContaining('serde 1.0.188 comes from git+')]);
  });

  it('reads == pins of requirements.txt with extras, markers and hashes, and lists unpinned lines', () => {
    const parsed = parseLockfile('requirements.txt', requirements);
    expect(parsed.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version}:${p.line}`)).toEqual([
      `PyPI certifi@2023.7.22:${lineOf(requirements, 'certifi')}`,
      `PyPI flask@2.3.3:${lineOf(requirements, 'Flask')}`,
      `PyPI jinja2@3.1.2:${lineOf(requirements, 'jinja2')}`,
      `PyPI markupsafe@2.1.3:${lineOf(requirements, 'MarkupSafe')}`,
      `PyPI requests@2.31.0:${lineOf(requirements, 'requests[socks]')}`,
    ]);
    expect(parsed.skipped).toEqual([expect.stringContaining("'gunicorn>=21.2' is not pinned")]);
    expect(isLockfile('services/api/requirements-dev.txt')).toBe(true);
  });

  it('reads poetry.lock and Pipfile.lock with PEP 503 names', () => {
    expect(summary('poetry.lock', poetry)).toEqual([
      `PyPI jinja2@3.1.2:${lineOf(poetry, 'name = "Jinja2"')}`,
      `PyPI markupsafe@2.1.3:${lineOf(poetry, 'name = "markupsafe"')}`,
    ]);
    const pipenv = parseLockfile('Pipfile.lock', pipfile);
    expect(pipenv.packages.map((p) => `${p.name}@${p.version}:${p.line}`)).toEqual([
      `jinja2@3.1.2:${lineOf(pipfile, '"jinja2"')}`,
      `markupsafe@2.1.3:${lineOf(pipfile, '"markupsafe"')}`,
      `pytest@7.4.2:${lineOf(pipfile, '"pytest"')}`,
    ]);
    expect(pipenv.skipped).toEqual([expect.stringContaining('internal-lib has no pinned version')]);
  });

  it('reads go.mod require blocks and single lines, applies replacements, and strips the v', () => {
    const parsed = parseLockfile('go.mod', goMod);
    expect(parsed.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version}:${p.line}`)).toEqual([
      `Go github.com/gin-gonic/gin@1.8.1:${lineOf(goMod, 'github.com/gin-gonic/gin')}`,
      `Go github.com/google/uuid@1.3.1:${lineOf(goMod, 'github.com/google/uuid')}`,
      `Go golang.org/x/text@0.3.7:${lineOf(goMod, 'golang.org/x/text')}`,
      `Go github.com/json-iterator/go@1.1.11:${lineOf(goMod, '\tgithub.com/json-iterator/go')}`,
      `Go gopkg.in/yaml.v3@3.0.1:${lineOf(goMod, 'gopkg.in/yaml.v3')}`,
    ]);
    expect(parsed.skipped).toEqual([expect.stringContaining('github.com/acme/shared is replaced by a local folder')]);
  });

  it('reads go.sum alone as the highest version with code per module', () => {
    expect(summary('go.sum', goSumOnly)).toEqual([
      `Go github.com/gin-gonic/gin@1.8.1:${lineOf(goSumOnly, 'github.com/gin-gonic/gin v1.8.1 h1')}`,
      `Go golang.org/x/text@0.3.7:${lineOf(goSumOnly, 'golang.org/x/text v0.3.7 h1')}`,
    ]);
  });

  it('reads the GEM specs of Gemfile.lock without platforms and lists GIT gems', () => {
    const parsed = parseLockfile('Gemfile.lock', gemfile);
    expect(parsed.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version}:${p.line}`)).toEqual([
      `RubyGems nokogiri@1.15.4:${lineOf(gemfile, '    nokogiri (')}`,
      `RubyGems racc@1.7.1:${lineOf(gemfile, '    racc (1')}`,
      `RubyGems rack@2.2.8:${lineOf(gemfile, '    rack (')}`,
      `RubyGems rack-test@2.1.0:${lineOf(gemfile, '    rack-test (')}`,
    ]);
    expect(parsed.skipped).toEqual([expect.stringContaining('feature_flags 0.3.0 comes from GIT')]);
  });

  it('reads composer.lock packages and packages-dev, without the v, and lists branches', () => {
    const parsed = parseLockfile('composer.lock', composer);
    expect(parsed.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version}:${p.line}`)).toEqual([
      `Packagist guzzlehttp/guzzle@7.4.4:${lineOf(composer, '"guzzlehttp/guzzle"')}`,
      `Packagist symfony/console@6.2.10:${lineOf(composer, '"symfony/console"')}`,
      `Packagist phpunit/phpunit@10.1.0:${lineOf(composer, '"phpunit/phpunit"')}`,
    ]);
    expect(parsed.skipped).toEqual([expect.stringContaining('acme/dev-tools dev-main is a branch')]);
  });

  it('names the file when a JSON lockfile is broken', () => {
    expect(() => parseLockfile('web/package-lock.json', '{"packages": ')).toThrow(
      /web\/package-lock\.json: is not valid JSON/,
    );
  });
});

describe('selectLockfiles', () => {
  it('keeps lockfiles and drops a go.sum that has a go.mod beside it', () => {
    expect(
      selectLockfiles(['src/app.ts', 'go.mod', 'go.sum', 'tools/go.sum', 'web/yarn.lock', 'README.md', 'Gemfile.lock']),
    ).toEqual(['go.mod', 'tools/go.sum', 'web/yarn.lock', 'Gemfile.lock']);
  });
});

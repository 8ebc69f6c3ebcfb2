import { describe, expect, it } from 'vitest';
import { declaredDependencies, npmLockDrift, pnpmLockDrift, yarnLockDrift, type Drift } from './npm-lockfiles.js';
import {
  cargoDeclared,
  goLocalReplacements,
  goRequires,
  goSumHas,
  lockedPackageNames,
  pipfileDrift,
  pythonDeclared,
  tomlDeclarationLine,
} from './other-lockfiles.js';

const declared = declaredDependencies({ dependencies: { a: '^1.0.0' }, devDependencies: { b: '~2.1.0' } });

describe('npmLockDrift', () => {
  it('compares the lock record of the package with package.json, both ways', () => {
    const lock = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { a: '^1.0.0' }, devDependencies: { b: '~2.0.0', c: '1' } },
        'packages/x': { dependencies: { a: '^1.0.0' } },
      },
    });
    expect(npmLockDrift(declared, lock, '')).toEqual([
      { name: 'b', section: 'devDependencies', declared: '~2.1.0', locked: '~2.0.0' },
      { name: 'c', section: 'devDependencies', declared: undefined, locked: '1' },
    ]);
    expect(npmLockDrift(declaredDependencies({ dependencies: { a: '^1.0.0' } }), lock, 'packages/x')).toEqual([]);
    expect(npmLockDrift(declared, lock, 'packages/y')).toBe('not-in-lock');
  });

  it('checks names only in a version 1 lock', () => {
    const lock = JSON.stringify({ lockfileVersion: 1, dependencies: { a: { version: '1.0.0' } } });
    expect(npmLockDrift(declared, lock, '')).toEqual([
      { name: 'b', section: 'devDependencies', declared: '~2.1.0', locked: undefined },
    ]);
  });
});

describe('pnpmLockDrift and yarnLockDrift', () => {
  it('reads pnpm v9 importers and v5 specifiers', () => {
    const v9 =
      "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      a: {specifier: ^1.0.0, version: 1.0.0}\n    devDependencies:\n      b: {specifier: ~2.1.0, version: 2.1.0}\n";
    expect(pnpmLockDrift(declared, v9, '')).toEqual([]);
    const v5 =
      'lockfileVersion: 5.4\nspecifiers:\n  a: ^1.0.0\n  b: ~2.0.0\ndependencies:\n  a: 1.0.0\ndevDependencies:\n  b: 2.0.0\n';
    expect((pnpmLockDrift(declared, v5, '') as Drift[]).map((d) => d.name)).toEqual(['b']);
  });

  it('finds v1 and berry entries for each name@range', () => {
    expect(yarnLockDrift(declared, 'a@^1.0.0, a@^1.0.1:\n  version "1.0.1"\n"b@~2.1.0":\n  version "2.1.0"\n')).toEqual(
      [],
    );
    expect(yarnLockDrift(declared, '"a@npm:^1.0.0":\n  version: 1.0.0\n').map((d) => d.name)).toEqual(['b']);
  });

  it('takes a package pinned by resolutions as locked under the resolution', () => {
    const lock = '"a@npm:1.0.3":\n  version: 1.0.3\n"b@npm:~2.1.0":\n  version: 2.1.0\n';
    expect(yarnLockDrift(declared, lock, { '**/a': '1.0.3' })).toEqual([]);
    expect(yarnLockDrift(declared, lock).map((d) => d.name)).toEqual(['a']);
  });
});

describe('Cargo, Python and Go', () => {
  it('reads Cargo dependencies (renamed and target-specific) and lock names', () => {
    const manifest =
      '[dependencies]\nserde = "1"\nrand2 = { package = "rand", version = "0.8" }\n[target.\'cfg(unix)\'.dependencies]\nlibc = "0.2"\n';
    expect(cargoDeclared(manifest).sort()).toEqual(['libc', 'rand', 'serde']);
    // Members' `workspace = true` dependencies count; the workspace's table alone does not (unused ones are not locked).
    const workspace = '[workspace.dependencies]\nanyhow = "1"\ntokio = "1"\n[dependencies]\ntokio.workspace = true\n';
    expect(cargoDeclared(workspace)).toEqual(['tokio']);
    expect(cargoDeclared('[dependencies]\nserde = { workspace = true }\n')).toEqual(['serde']);
    expect([...lockedPackageNames('[[package]]\nname = "serde"\nversion = "1.0.0"\n')]).toEqual(['serde']);
  });

  it('reads Poetry and PEP 621 dependencies, normalised, and Pipfile drift', () => {
    expect(pythonDeclared('[tool.poetry.dependencies]\npython = "^3.11"\nFlask_Login = "*"\n')).toEqual({
      names: ['flask-login'],
      tool: 'poetry',
    });
    expect(pythonDeclared('[project]\ndependencies = ["requests[socks]>=2; python_version>\'3\'", "attrs"]\n')).toEqual(
      {
        names: ['requests', 'attrs'],
        tool: 'pep621',
      },
    );
    expect(
      pythonDeclared('[tool.poetry.dependencies]\nfastapi = "*"\n[tool.poetry.group.dev.dependencies]\npytest = "*"\n'),
    ).toEqual({ names: ['fastapi', 'pytest'], tool: 'poetry' });
    const pep735 =
      '[project]\ndependencies = ["boto3"]\n[project.optional-dependencies]\npq = ["pyarrow>=18"]\n[dependency-groups]\ndev = ["pytest", {include-group = "lint"}]\n';
    expect(pythonDeclared(pep735)).toEqual({ names: ['boto3', 'pyarrow', 'pytest'], tool: 'pep621' });
    const lock = JSON.stringify({ default: { requests: {} }, develop: {} });
    expect(pipfileDrift('[packages]\nrequests = "*"\nflask = "*"\n[dev-packages]\npytest = "*"\n', lock)).toEqual([
      'flask',
      'pytest',
    ]);
  });

  it('finds the line declaring a TOML dependency, not the first mention of its name', () => {
    const cargo =
      '[package]\ndescription = "logs with tracing"\n[dependencies]\ntracing-subscriber = "0.3"\ntracing = { workspace = true }\n';
    expect(tomlDeclarationLine(cargo, 'tracing')).toBe(5);
    expect(tomlDeclarationLine('[dependencies.serde]\nversion = "1"\n', 'serde')).toBe(1);
    expect(tomlDeclarationLine('[project]\ndependencies = [\n  "Flask_Login>=0.6",\n]\n', 'flask-login')).toBe(3);
    expect(tomlDeclarationLine('[project]\n', 'absent')).toBeUndefined();
  });

  it('knows the modules go.mod replaces with a directory (go.sum has no entry for them)', () => {
    const goMod =
      'module a\n\nreplace example.com/lib => ../lib\nreplace (\n\texample.com/x v1.0.0 => ./x\n\texample.com/y => example.com/z v1.2.0\n)\n';
    expect([...goLocalReplacements(goMod)]).toEqual(['example.com/lib', 'example.com/x']);
  });

  it('reads go.mod requirements and go.sum entries', () => {
    const mod =
      'module m\n\ngo 1.22\n\nrequire (\n\tgithub.com/a/b v1.2.3 // indirect\n\tgolang.org/x/c v0.1.0\n)\nrequire github.com/d/e v2.0.0\n';
    expect(goRequires(mod)).toEqual([
      { path: 'github.com/a/b', version: 'v1.2.3', line: 6 },
      { path: 'golang.org/x/c', version: 'v0.1.0', line: 7 },
      { path: 'github.com/d/e', version: 'v2.0.0', line: 9 },
    ]);
    expect(goSumHas('github.com/a/b v1.2.3/go.mod h1:xyz=\n', 'github.com/a/b', 'v1.2.3')).toBe(true);
    expect(goSumHas('github.com/a/b v1.2.3/go.mod h1:xyz=\n', 'github.com/a/b', 'v1.2.4')).toBe(false);
  });
});

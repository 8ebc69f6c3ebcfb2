import { describe, expect, it } from 'vitest';
import { dependenciesCheck } from './dependencies-check.js';
import { scopeWith } from './test-scope.js';

const lock = (root: Record<string, unknown>, more: Record<string, unknown> = {}) =>
  JSON.stringify({ name: 'mono', lockfileVersion: 3, packages: { '': root, ...more } }, null, 2);

describe('dependenciesCheck on npm lockfiles', () => {
  it('places a package only the lock still lists at its record in the lock', async () => {
    const scope = scopeWith({
      'package.json': '{\n  "dependencies": {\n    "a": "^1.0.0"\n  }\n}\n',
      'package-lock.json': lock({ dependencies: { a: '^1.0.0', gone: '^2.0.0' } }),
    });
    const { findings } = await dependenciesCheck.check(scope);
    expect(findings.map((f) => `${f.location?.file}:${f.location?.line} ${f.ruleId}`)).toEqual([
      'package-lock.json:8 dependencies/lockfile-out-of-sync',
    ]);
    expect(findings[0]?.message).toContain('`npm ci` fails');
  });

  it('reports a package outside the workspaces of the lock above it as having no lockfile, a new member as out of sync', async () => {
    const scope = scopeWith({
      'package.json': '{ "workspaces": ["packages/*"] }\n',
      'package-lock.json': lock({ workspaces: ['packages/*'] }),
      'tools/release/package.json': '{ "dependencies": { "semver": "^7.6.3" } }\n',
      'packages/new/package.json': '{ "dependencies": { "semver": "^7.6.3" } }\n',
    });
    const { findings } = await dependenciesCheck.check(scope);
    expect(findings.map((f) => `${f.location?.file} ${f.ruleId}`)).toEqual([
      'packages/new/package.json dependencies/lockfile-out-of-sync',
      'tools/release/package.json dependencies/missing-lockfile',
    ]);
  });
});

describe('dependenciesCheck on Cargo', () => {
  it('names the install that fails for the ecosystem', async () => {
    const scope = scopeWith({
      'Cargo.toml': '[package]\nname = "a"\nversion = "0.1.0"\n\n[dependencies]\nserde = "1"\n',
      'Cargo.lock': 'version = 4\n\n[[package]]\nname = "a"\nversion = "0.1.0"\n',
    });
    const { findings } = await dependenciesCheck.check(scope);
    expect(findings.map((f) => `${f.location?.line} ${f.message}`)).toEqual([
      '6 serde is not in Cargo.lock: `cargo build --locked` fails',
    ]);
  });
});

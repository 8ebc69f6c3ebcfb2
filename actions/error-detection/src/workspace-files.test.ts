import { describe, expect, it } from 'vitest';
import { isEnvExample, isEnvFile, selected } from './workspace-files.js';

describe('selected', () => {
  it('keeps files matching an include glob and none matching an exclude', () => {
    const globs = ['deploy/**/*.yaml', '!deploy/old/**'];
    expect(selected('deploy/app.yaml', globs)).toBe(true);
    expect(selected('deploy/prod/app.yaml', globs)).toBe(true);
    expect(selected('deploy/old/app.yaml', globs)).toBe(false);
    expect(selected('src/app.ts', globs)).toBe(false);
    expect(selected('anything', [])).toBe(true);
    expect(selected('x/.env', ['!**/.env'])).toBe(false);
    // Wildcards reach names starting with a dot, as in gitignore.
    expect(selected('test/fixtures/app/.env', ['!test/fixtures/**'])).toBe(false);
    expect(selected('deploy/.hidden/app.yaml', ['deploy/**'])).toBe(true);
    expect(selected('.github/workflows/ci.yml', ['.github/**'])).toBe(true);
  });
});

describe('file kinds', () => {
  it('tells env files and examples by name', () => {
    expect(['.env', 'app/.env.production', '.env.example', '.envrc', 'env'].map(isEnvFile)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(['.env.example', '.env.sample', '.env'].map(isEnvExample)).toEqual([true, true, false]);
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '@shipgate/core/config';
import { loadConfigFile } from './config-file.js';
import { validateConfigFile } from './generated/config-validator.js';

describe('validateConfigFile', () => {
  it('validates the environment thresholds that ship with the suite', () => {
    expect(
      parseConfig(
        'version: 1\nenvironments:\n  production:\n    max-critical: 0\n    max-error-rate: 1\n',
        'f.yml',
        validateConfigFile,
      ).data.version,
    ).toBe(1);
    expect(() =>
      parseConfig('environments:\n  production:\n    max-error-rate: 150\n', 'f.yml', validateConfigFile),
    ).toThrow(/max-error-rate/);
    expect(() => parseConfig('colour: red\n', 'f.yml', validateConfigFile)).toThrow(
      /'colour' is not a known key: allowed here are version, environments/,
    );
  });
});

describe('loadConfigFile', () => {
  it('reads the default file when present, with positions, and nothing when absent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-config-'));
    expect(await loadConfigFile(dir, dir, '.github/shipgate.yml', false)).toBeUndefined();
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github', 'shipgate.yml'), 'environments:\n  staging:\n    max-high: 3\n');
    const config = await loadConfigFile(dir, dir, '.github/shipgate.yml', false);
    expect(config?.data).toEqual({ environments: { staging: { 'max-high': 3 } } });
    expect(config?.positionOf(['environments', 'staging', 'max-high'])).toEqual({ line: 3, column: 15 });
  });
});

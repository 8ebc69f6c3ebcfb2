import { describe, expect, it } from 'vitest';
import { parseConfig } from '@shipgate/core/config';
import { compileValidator } from '@shipgate/core/testing';
import { validateConfigFile } from './generated/config-validator.js';
import { configSource } from './config-source.js';
import { ActionInputs } from './inputs.js';

const schema = compileValidator({
  type: 'object',
  additionalProperties: false,
  properties: {
    environments: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          'max-high': { type: 'integer' },
          'canary-deploy': { type: 'object', additionalProperties: false, properties: { stages: {} } },
        },
      },
    },
    'canary-deploy': { type: 'object', additionalProperties: false, properties: { stages: {}, 'on-failure': {} } },
  },
});

const TABLE = {
  stages: { kind: 'stages', description: 'x' },
  'on-failure': { kind: 'choice', choices: ['rollback', 'pause'], default: 'rollback', description: 'x' },
} as const;

describe('configSource', () => {
  it('prefers the environment section, joins lists, and reports the origin of a bad value', () => {
    const config = parseConfig(
      'canary-deploy:\n  stages: [5, 10, 100]\n  on-failure: explode\nenvironments:\n  production:\n    canary-deploy:\n      stages: 50,100\n',
      '.github/shipgate.yml',
      schema,
    );
    const read = (sections: string[][]) =>
      new ActionInputs(TABLE, { step: () => undefined, config: configSource(config, sections) });
    expect(read([['environments', 'production', 'canary-deploy'], ['canary-deploy']]).get('stages')).toEqual([50, 100]);
    const base = read([['canary-deploy']]);
    expect(base.get('stages')).toEqual([5, 10, 100]);
    expect(() => base.get('on-failure')).toThrow(
      '.github/shipgate.yml:3:15: \'canary-deploy.on-failure\' has an invalid value "explode": expected one of: rollback, pause.',
    );
  });
});

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

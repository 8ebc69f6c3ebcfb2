import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { ANY_MAPPING, checkConfig, parseConfig } from './config.js';
import { compileValidator } from './testing/index.js';

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

function configError(text: string): ConfigError {
  try {
    parseConfig(text, '.github/shipgate.yml', schema);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('names an unknown key with its line and column and lists the allowed keys', () => {
    const error = configError('environments:\n  production:\n    max-hihg: 3\n');
    expect(error.message).toBe(
      ".github/shipgate.yml:3:5: 'environments.production.max-hihg' is not a known key: allowed here are max-high, canary-deploy",
    );
    expect([error.line, error.column]).toEqual([3, 5]);
  });

  it('names a wrong type at the value position', () => {
    const error = configError('environments:\n  staging:\n    max-high: lots\n');
    expect(error.message).toBe(".github/shipgate.yml:3:15: 'environments.staging.max-high' must be an integer");
  });

  it('reports YAML syntax errors with a position', () => {
    const error = configError('canary-deploy:\n  stages: [5, 10\n');
    expect(error.message).toMatch(/^\.github\/shipgate\.yml:\d+:\d+: is not valid YAML/);
  });

  it('refuses a file that is not a mapping', () => {
    expect(configError('- a\n- b\n').message).toContain('must be a mapping');
  });

  it('accepts an empty file', () => {
    expect(parseConfig('', 'x.yml', schema).data).toEqual({});
  });
});

describe('parseConfig with $ref', () => {
  it('lists the keys allowed inside a referenced definition', () => {
    const withRef = compileValidator({
      type: 'object',
      additionalProperties: false,
      properties: { probes: { type: 'array', items: { $ref: '#/definitions/probe' } } },
      definitions: { probe: { type: 'object', additionalProperties: false, properties: { name: {}, url: {} } } },
    });
    expect(() => parseConfig('probes:\n  - name: a\n    ulr: /x\n', 'p.yml', withRef)).toThrow(
      "p.yml:3:5: 'probes.0.ulr' is not a known key: allowed here are name, url",
    );
  });
});

describe('checkConfig', () => {
  it('throws what parseConfig would, key positions included, without parsing again', () => {
    const text = 'environments:\n  production:\n    max-hihg: 3\n';
    const config = parseConfig(text, '.github/shipgate.yml', ANY_MAPPING);
    expect(() => checkConfig(config, schema)).toThrow(configError(text).message);
    expect(() => checkConfig(parseConfig('canary-deploy: {}\n', 'f.yml', ANY_MAPPING), schema)).not.toThrow();
  });
});

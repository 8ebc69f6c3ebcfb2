import { describe, expect, it } from 'vitest';
import { InputError } from '@shipgate/core';
import type { InputTable } from './input-spec.js';
import { ActionInputs, firstOf, sourceFromRecord, type InputSource } from './inputs.js';
import { SecretRegistry } from './secrets.js';

const TABLE = {
  name: { kind: 'text', description: 'x' },
  version: { kind: 'text', required: true, allowed: 'a version such as v1.2.3', description: 'x' },
  upstream: { kind: 'text', pattern: '^[a-z_]+$', allowed: 'an nginx upstream name', default: 'app', description: 'x' },
  on: { kind: 'boolean', default: 'false', description: 'x' },
  count: { kind: 'integer', min: 0, max: 100, default: '3', description: 'x' },
  rate: { kind: 'number', min: 0, max: 2, description: 'x' },
  provider: { kind: 'choice', choices: ['nginx', 'command'], default: 'nginx', description: 'x' },
  scanners: { kind: 'list', choices: ['secrets', 'iac'], description: 'x' },
  wait: { kind: 'duration', max: '1h', default: '30s', description: 'x' },
  url: { kind: 'url', description: 'x' },
  key: { kind: 'secret', description: 'x' },
  targets: { kind: 'targets', description: 'x' },
  stages: { kind: 'stages', default: '5,10,100', description: 'x' },
  command: { kind: 'command', description: 'x' },
  path: { kind: 'text', scope: 'step', default: '.', description: 'x' },
} as const satisfies InputTable;

const inputs = (
  values: Record<string, string>,
  config?: InputSource,
  secrets?: SecretRegistry,
): ActionInputs<typeof TABLE> =>
  new ActionInputs(TABLE, { step: sourceFromRecord(values), ...(config ? { config } : {}) }, secrets);

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const configAt =
  (values: Record<string, string>): InputSource =>
  (name) =>
    values[name] === undefined
      ? undefined
      : {
          value: values[name],
          origin: { kind: 'config', file: '.github/shipgate.yml', path: `demo.${name}`, line: 3, column: 11 },
        };

describe('ActionInputs.get', () => {
  it('trims text, treats blank as missing, and applies the table default', () => {
    const r = inputs({ name: '  x  ', upstream: '   ' });
    expect(r.get('name')).toBe('x');
    expect(r.get('upstream')).toBe('app');
    expect(r.get('url')).toBeUndefined();
    expect(r.get('count')).toBe(3);
    expect(r.get('wait')).toBe(30_000);
    expect(r.get('stages')).toEqual([5, 10, 100]);
  });
  it('names a missing required input and what it takes', () => {
    expect(errorOf(() => inputs({}).get('version')).message).toBe(
      "Input 'version' is required: expected a version such as v1.2.3.",
    );
  });
  it('checks a text pattern', () => {
    expect(errorOf(() => inputs({ upstream: 'a-b' }).get('upstream')).message).toBe(
      'Input \'upstream\' has an invalid value "a-b": expected an nginx upstream name.',
    );
  });
  it('accepts the YAML 1.2 core schema booleans only', () => {
    expect(inputs({ on: 'True' }).get('on')).toBe(true);
    expect(errorOf(() => inputs({ on: 'yes' }).get('on')).message).toBe(
      'Input \'on\' has an invalid value "yes": expected a YAML 1.2 boolean: true | True | TRUE | false | False | FALSE.',
    );
  });
  it('parses numbers within their range', () => {
    expect(inputs({ count: '42', rate: '1.5' }).get('rate')).toBe(1.5);
    expect(errorOf(() => inputs({ count: '-3' }).get('count')).message).toContain(
      'expected a whole number from 0 to 100',
    );
    expect(errorOf(() => inputs({ count: '1.5' }).get('count')).message).toContain('"1.5"');
    expect(errorOf(() => inputs({ rate: '5%' }).get('rate')).message).toContain('expected a number from 0 to 2');
  });
  it('lists the allowed choices', () => {
    expect(errorOf(() => inputs({ provider: 'k8s' }).get('provider')).message).toBe(
      'Input \'provider\' has an invalid value "k8s": expected one of: nginx, command.',
    );
  });
  it('splits lists on commas and new lines and checks each item', () => {
    expect(inputs({ scanners: 'secrets,\n iac,,' }).get('scanners')).toEqual(['secrets', 'iac']);
    expect(errorOf(() => inputs({ scanners: 'secrets,lint' }).get('scanners')).hint).toBe("'lint' is not one of them.");
    const none = errorOf(() => inputs({ scanners: ' ,\n,' }).get('scanners'));
    expect(none.message).toContain('expected a comma-separated list of: secrets, iac');
    expect(none.hint).toBe('It names no item; leave the input out for its default.');
  });
  it('parses durations with bounds written as durations', () => {
    expect(inputs({ wait: '1m30s' }).get('wait')).toBe(90_000);
    expect(errorOf(() => inputs({ wait: '30' }).get('wait')).message).toContain("expected a duration such as '500ms'");
    expect(errorOf(() => inputs({ wait: '2h' }).get('wait')).message).toContain('of at most 1h');
  });
  it('requires absolute http(s) URLs', () => {
    expect(inputs({ url: 'http://127.0.0.1:9090/' }).get('url')?.port).toBe('9090');
    expect(errorOf(() => inputs({ url: 'localhost:9090' }).get('url')).message).toContain(
      'expected an absolute URL starting with http:// or https://',
    );
  });
  it('registers a secret before returning it, keeping its exact text', () => {
    const registered: string[] = [];
    const r = inputs(
      { key: 'line-one-secret\nline-two-secret\n' },
      undefined,
      new SecretRegistry((v) => registered.push(v)),
    );
    expect(r.get('key')).toBe('line-one-secret\nline-two-secret\n');
    expect(registered).toEqual(expect.arrayContaining(['line-one-secret', 'line-two-secret']));
  });
  it('parses the shared grammars with the one parser each', () => {
    const r = inputs({ targets: '10.0.0.5:8080, 10.0.0.6:8080', command: "nginx -s 'reload'" });
    expect(r.get('targets')).toEqual(['10.0.0.5:8080', '10.0.0.6:8080']);
    expect(r.get('command')).toEqual(['nginx', '-s', 'reload']);
    expect(errorOf(() => inputs({ targets: '127.0.0.1:99999' }).get('targets')).message).toContain(
      'Input \'targets\' has an invalid value "127.0.0.1:99999"',
    );
    expect(errorOf(() => inputs({ stages: '10,5,100' }).get('stages')).hint).toBe(
      'Stage 2 (5%) does not increase on stage 1 (10%).',
    );
    expect(errorOf(() => inputs({ command: 'a | b' }).get('command')).input).toBe('command');
  });
  it('refuses a name the table does not have', () => {
    const r = inputs({}) as unknown as ActionInputs<Record<string, never>>;
    expect(() => r.get('nope' as never)).toThrow(/no input 'nope'/);
  });
});

describe('ActionInputs precedence', () => {
  it('takes the step first, then the config file, then the default; step-only inputs ignore the file', () => {
    const r = inputs({ count: '', rate: '0.5' }, configAt({ count: '7', rate: '1', path: 'elsewhere' }));
    expect(r.get('count')).toBe(7);
    expect(r.get('rate')).toBe(0.5);
    expect(r.get('path')).toBe('.');
    expect(r.raw('count')?.origin.kind).toBe('config');
  });
  it('names the config key with file:line:column, also for the shared grammars', () => {
    expect(errorOf(() => inputs({}, configAt({ count: 'x' })).get('count')).message).toBe(
      '.github/shipgate.yml:3:11: \'demo.count\' has an invalid value "x": expected a whole number from 0 to 100.',
    );
    expect(errorOf(() => inputs({}, configAt({ stages: '5,50' })).get('stages')).message).toMatch(
      /^\.github\/shipgate\.yml:3:11: 'demo\.stages' has an invalid value/,
    );
  });
  it('checkAll finds a wrong value that the settings would not read', () => {
    expect(errorOf(() => inputs({ version: 'v1' }, configAt({ wait: 'soon' })).checkAll()).message).toMatch(
      /'demo\.wait' has an invalid value "soon"/,
    );
  });
});

describe('ActionInputs.require / error', () => {
  it('names an input needed by the other settings, and a cross-input problem with its origin', () => {
    const r = inputs({}, configAt({ rate: '1' }));
    expect(errorOf(() => r.require('url', 'the Prometheus URL (metrics includes prometheus)')).message).toBe(
      "Input 'url' is required: expected the Prometheus URL (metrics includes prometheus).",
    );
    expect(r.error('rate', 'a rate below count').message).toBe(
      '.github/shipgate.yml:3:11: \'demo.rate\' has an invalid value "1": expected a rate below count.',
    );
  });
});

describe('firstOf', () => {
  it('takes the first source with a non-empty value', () => {
    const source = firstOf(sourceFromRecord({ a: ' ' }), sourceFromRecord({ a: 'b' }));
    expect(source('a')?.value).toBe('b');
  });
});

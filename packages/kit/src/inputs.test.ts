import { describe, expect, it } from 'vitest';
import { InputError } from '@shipgate/core';
import { firstOf, InputReader, sourceFromRecord } from './inputs.js';
import { SecretRegistry } from './secrets.js';

const reader = (values: Record<string, string>): InputReader => new InputReader(sourceFromRecord(values));

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('InputReader.string / requiredString', () => {
  it('trims, falls back, and treats blank as missing', () => {
    const r = reader({ a: '  x  ', blank: '   ' });
    expect(r.string('a')).toBe('x');
    expect(r.string('blank', 'fallback')).toBe('fallback');
    expect(r.string('missing')).toBeUndefined();
  });
  it('names the missing required input', () => {
    expect(errorOf(() => reader({}).requiredString('version', 'a version such as v1.2.3')).message).toBe(
      "Input 'version' is required: expected a version such as v1.2.3.",
    );
  });
});

describe('InputReader.boolean', () => {
  it('accepts the YAML 1.2 core schema words only', () => {
    const r = reader({ a: 'True', b: 'FALSE', c: 'yes' });
    expect(r.boolean('a', false)).toBe(true);
    expect(r.boolean('b', true)).toBe(false);
    expect(r.boolean('missing', true)).toBe(true);
    expect(errorOf(() => r.boolean('c', false)).message).toBe(
      "Input 'c' has an invalid value \"yes\": expected a YAML 1.2 boolean: true | True | TRUE | false | False | FALSE.",
    );
  });
});

describe('InputReader.integer / number', () => {
  it('parses within range and rejects the rest with the range in the message', () => {
    const r = reader({ n: '42', neg: '-3', dec: '1.5', word: 'ten', pct: '5%' });
    expect(r.integer('n', 0, { min: 0, max: 100 })).toBe(42);
    expect(errorOf(() => r.integer('neg', 0, { min: 0 })).message).toContain('expected a whole number of at least 0');
    expect(errorOf(() => r.integer('dec', 0)).message).toContain('"1.5"');
    expect(r.number('dec', 0, { min: 0, max: 2 })).toBe(1.5);
    expect(errorOf(() => r.number('word', 0)).message).toContain("Input 'word' has an invalid value \"ten\": expected a number");
    expect(errorOf(() => r.number('pct', 0, { min: 0, max: 100 })).message).toContain('expected a number from 0 to 100');
    expect(r.integer('missing', undefined)).toBeUndefined();
  });
});

describe('InputReader.enum', () => {
  it('lists the allowed values', () => {
    const r = reader({ p: 'nginx', q: 'k8s' });
    expect(r.enum('p', ['nginx', 'command'] as const, 'command')).toBe('nginx');
    expect(errorOf(() => r.enum('q', ['nginx', 'command'] as const, 'command')).message).toBe(
      "Input 'q' has an invalid value \"k8s\": expected one of: nginx, command.",
    );
  });
});

describe('InputReader.list', () => {
  it('splits on commas and newlines and checks allowed items', () => {
    const r = reader({ l: 'a, b\nc,,\n', bad: 'secrets,lint' });
    expect(r.list('l')).toEqual(['a', 'b', 'c']);
    expect(r.list('missing', ['x'])).toEqual(['x']);
    expect(errorOf(() => r.list('bad', [], ['secrets', 'iac'])).message).toContain("(got 'lint')");
  });
});

describe('InputReader.duration', () => {
  it('parses units and enforces bounds', () => {
    const r = reader({ a: '1m30s', b: '250ms', c: '30', d: '2h' });
    expect(r.duration('a', 0)).toBe(90_000);
    expect(r.duration('b', 0)).toBe(250);
    expect(errorOf(() => r.duration('c', 0)).message).toContain("expected a duration such as '500ms'");
    expect(errorOf(() => r.duration('d', 0, { max: 3_600_000 })).message).toContain('of at most 1h');
  });
});

describe('InputReader.url', () => {
  it('requires an absolute URL with an allowed protocol', () => {
    const r = reader({ a: 'http://127.0.0.1:9090/', b: 'localhost:9090', c: 'ftp://x' });
    expect(r.url('a')?.port).toBe('9090');
    expect(errorOf(() => r.url('b')).message).toContain('expected an absolute URL starting with http:// or https://');
    expect(errorOf(() => r.url('c')).value).toBe('ftp://x');
  });
});

describe('InputReader.secret', () => {
  it('registers the secret before returning it, keeping its exact text', () => {
    const registered: string[] = [];
    const secrets = new SecretRegistry((v) => registered.push(v));
    const r = new InputReader(sourceFromRecord({ key: 'line-one-secret\nline-two-secret\n' }), secrets);
    expect(r.secret('key')).toBe('line-one-secret\nline-two-secret\n');
    expect(registered).toContain('line-one-secret');
    expect(registered).toContain('line-two-secret');
    expect(() => r.secret('missing', { required: true })).toThrow(/Input 'missing' is required/);
  });
});

describe('firstOf', () => {
  it('takes the first source with a non-empty value and keeps its origin', () => {
    const config = (name: string) =>
      name === 'stages' ? { value: 'x', origin: { kind: 'config' as const, file: '.github/shipgate.yml', path: 'canary-deploy.stages', line: 3, column: 11 } } : undefined;
    const r = new InputReader(firstOf(sourceFromRecord({ stages: '' }), config));
    expect(errorOf(() => r.integer('stages', 0)).message).toBe(
      "'canary-deploy.stages' in .github/shipgate.yml (line 3, column 11) has an invalid value \"x\": expected a whole number.",
    );
  });
});

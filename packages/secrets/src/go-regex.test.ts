import { describe, expect, it } from 'vitest';
import { translateGoRegex } from './go-regex.js';

const ok = (source: string) => {
  const result = translateGoRegex(source);
  if (!result.ok) throw new Error(result.reason);
  return result;
};

describe('translateGoRegex', () => {
  it('turns a leading (?i) into the i flag', () => {
    expect(ok('(?i)token=([a-z]{4})')).toEqual({ ok: true, source: 'token=([a-z]{4})', flags: 'i' });
  });

  it('scopes a mid-pattern inline flag to the rest of its group, across alternatives', () => {
    const { source, flags } = ok('\\b(p8e-(?i)[a-z0-9]{4})x|y');
    expect(source).toBe('\\b(p8e-(?i:[a-z0-9]{4}))x|y');
    const re = new RegExp(source, flags);
    expect(re.test('p8e-AbC1x')).toBe(true);
    expect(re.test('P8E-abc1x')).toBe(false);
    const alternatives = new RegExp(ok('(a(?i)b|c)').source);
    expect(['ab', 'aB', 'C'].map((t) => alternatives.test(t))).toEqual([true, true, true]);
  });

  it('translates named groups, \\z, \\A and POSIX classes', () => {
    expect(ok('\\A(?P<key>[[:alnum:]_]{8})\\z').source).toBe('^(?<key>[A-Za-z0-9_]{8})$');
  });

  it('keeps (?-i:...) and (?s:.) groups, which JavaScript has', () => {
    const { source, flags } = ok('(?i)kind:(?s:.){0,20}(?-i:Secret)');
    expect(new RegExp(source, flags).test('KIND:\n Secret')).toBe(true);
    expect(new RegExp(source, flags).test('kind: SECRET')).toBe(false);
  });

  it('explains what it cannot translate', () => {
    expect(translateGoRegex('\\Qa.b\\E')).toEqual({ ok: false, reason: expect.stringContaining('\\Q') });
    expect(translateGoRegex('\\pL+')).toMatchObject({ ok: false });
    expect(translateGoRegex('(?m)^a$')).toMatchObject({ ok: false });
    expect(translateGoRegex('a(')).toMatchObject({ ok: false, reason: expect.stringContaining('not a valid') });
  });
});

import { describe, expect, it } from 'vitest';
import { parseDotenv, valuesOf } from './parse-dotenv.js';

describe('parseDotenv', () => {
  it('reads the forms Compose and dotenv read', () => {
    const text = [
      '# comment',
      'PLAIN=value # trailing comment',
      'export EXPORTED=yes',
      "SINGLE='keep $HOME # as is'",
      'DOUBLE="line one\\nline two"',
      'MULTI="first',
      'second"',
      'EMPTY=',
      "PEM='-----BEGIN-----",
      'abc',
      "-----END-----'",
      'TICKS=`a',
      'b`',
      'EMPTY_COMMENTED= # optional',
      'TRAILING=x  ',
      '',
    ].join('\n');
    const dotenv = parseDotenv(text);
    expect(dotenv.problems).toEqual([]);
    expect(Object.fromEntries(valuesOf(dotenv))).toEqual({
      PLAIN: 'value',
      EXPORTED: 'yes',
      SINGLE: 'keep $HOME # as is',
      DOUBLE: 'line one\nline two',
      MULTI: 'first\nsecond',
      EMPTY: '',
      PEM: '-----BEGIN-----\nabc\n-----END-----',
      TICKS: 'a\nb',
      EMPTY_COMMENTED: '',
      TRAILING: 'x',
    });
    expect(dotenv.entries.map((e) => [e.key, e.line, e.column])).toEqual([
      ['PLAIN', 2, 1],
      ['EXPORTED', 3, 8],
      ['SINGLE', 4, 1],
      ['DOUBLE', 5, 1],
      ['MULTI', 6, 1],
      ['EMPTY', 8, 1],
      ['PEM', 9, 1],
      ['TICKS', 12, 1],
      ['EMPTY_COMMENTED', 14, 1],
      ['TRAILING', 15, 1],
    ]);
  });

  it('reports malformed lines, duplicate keys and spaces around = with their lines', () => {
    const dotenv = parseDotenv('A=1\nnot a line\nA=2\nB = 3\n9X=1\nC="open\n');
    expect(dotenv.problems.map((p) => [p.rule, p.line])).toEqual([
      ['env/malformed-line', 2],
      ['env/duplicate-key', 3],
      ['env/spaces-around-equals', 4],
      ['env/malformed-line', 5],
      ['env/malformed-line', 6],
    ]);
    expect(dotenv.problems[1]?.message).toContain('first on line 1');
    expect(valuesOf(dotenv).get('A')).toBe('2');
    expect(valuesOf(dotenv).get('B')).toBe('3');
  });
});

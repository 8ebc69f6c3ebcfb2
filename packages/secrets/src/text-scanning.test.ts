import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './rules/index.js';
import { labelledSamples, SeededRandom } from './testing/index.js';
import { assignmentFollows, identifierEnd, identifierStart, isIdentifierChar } from './text-scanning.js';

describe('assignmentFollows', () => {
  it('accepts every operator of the assignment grammar, after a closing quote, a bracket and blanks', () => {
    for (const rest of [' = x', ': x', ':= x', '=> x', '||= x', '??= x', '?= x', '== x', '<- x', '>x', '", "x"'])
      expect(assignmentFollows(`name${rest}`, 4), rest).toBe(true);
    expect(assignmentFollows(`"name": "x"`, 5)).toBe(true);
    expect(assignmentFollows(`env['name'] = x`, 9)).toBe(true);
    expect(assignmentFollows(`name \t = x`, 4)).toBe(true);
  });

  it('refuses calls, members, words, four blanks and the end of the text', () => {
    for (const rest of ['(x)', '.length', ' and more', '    = x', '', ')', ';'])
      expect(assignmentFollows(`name${rest}`, 4), rest).toBe(false);
  });

  // The scanner skips an anchored rule's regex where this check fails: it must never hide a match.
  it('holds wherever an anchored default rule matches', () => {
    const anchored = DEFAULT_RULES.filter((rule) => rule.anchor === 'name');
    expect(anchored.length).toBeGreaterThan(0);
    const random = new SeededRandom(11);
    const names = ['password', 'api_key', 'apiKey', 'SECRET_TOKEN', 'db.pass', 'x-auth-token', 'clientSecret'];
    const operators = ['=', ':', ':=', '=>', '||=', '??=', '?=', '==', '<-', '>', ',', '(', ' ', '.', ';', '+='];
    const wraps = ['', '"', "'", '`', ']', '"]', "']"];
    const lines = labelledSamples(5, 2).flatMap((s) => s.text.split('\n'));
    for (let i = 0; i < 3000; i++) {
      const name = random.pick(names);
      const wrap = random.pick(wraps);
      const blanks = ' '.repeat(random.int(0, 5));
      const value = random.pick(['"Zq8#kW2!pLx9@vR"', "'Zq8kW2pLx9vRt7Yb'", 'Zq8kW2pLx9vRt7Yb4', 'f(x)']);
      lines.push(
        `${wrap.startsWith('"') || wrap.startsWith("'") ? wrap[0] : ''}${name}${wrap}${blanks}${random.pick(operators)}${blanks}${value}`,
      );
    }
    let matched = 0;
    for (const line of lines) {
      for (let at = 0; at < line.length; at++) {
        if (!isIdentifierChar(line.charCodeAt(at)) || identifierStart(line, at) !== at) continue;
        for (const rule of anchored) {
          rule.regex.lastIndex = at;
          if (rule.regex.exec(line) === null) continue;
          matched++;
          expect(assignmentFollows(line, identifierEnd(line, at)), `${rule.id}: ${line}`).toBe(true);
        }
      }
    }
    expect(matched).toBeGreaterThan(500);
  });
});

import { describe, expect, it } from 'vitest';
import { KeywordIndex } from './keyword-index.js';
import { SeededRandom } from './testing/index.js';

function hits(index: KeywordIndex, text: string): [number, number[]][] {
  const found: [number, number[]][] = [];
  index.scan(text, (end, rules) => found.push([end, [...rules]]));
  return found;
}

describe('KeywordIndex', () => {
  it('finds every keyword in one pass, case-insensitively, with overlaps and suffixes', () => {
    const index = KeywordIndex.build([['he', 'she'], ['his', 'hers'], ['AKIA']]);
    expect(hits(index, 'uSHErs')).toEqual([
      [3, [0]], // "she" and its suffix "he" both select rule 0
      [5, [1]],
    ]);
    expect(hits(index, 'x=akiaAKIA')).toEqual([
      [5, [2]],
      [9, [2]],
    ]);
  });

  it('finds nothing in text without keywords, including non-ASCII text', () => {
    const index = KeywordIndex.build([['token']]);
    expect(hits(index, 'tokeñ tøken 令牌 toke n')).toEqual([]);
    expect(hits(index, 'tok\u00e9token')).toEqual([[8, [0]]]);
  });

  it('reports several rules sharing a keyword once each', () => {
    const index = KeywordIndex.build([['key'], ['api', 'key'], []]);
    expect(hits(index, 'apikey')).toEqual([
      [2, [1]],
      [5, [0, 1]],
    ]);
  });

  it('reports what a naive search finds, with a 16-bit table and with a table too large for 16 bits', () => {
    const random = new SeededRandom(3);
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789_-';
    for (const [rules, perRule] of [
      [20, 3],
      [400, 20],
    ] as const) {
      const keywords = Array.from({ length: rules }, () =>
        Array.from({ length: perRule }, () => random.chars(alphabet, random.int(2, 9))),
      );
      const index = KeywordIndex.build(keywords);
      // 38 characters and "none" make 39 classes: the second table has more than 65536 cells.
      expect(index.states * 39 > 65536).toBe(rules === 400);
      const text = Array.from({ length: 200 }, () =>
        random.int(0, 2) === 0 ? random.pick(random.pick(keywords)).toUpperCase() : random.chars(alphabet, 5),
      ).join(' ');
      const lower = text.toLowerCase();
      const expected: [number, number[]][] = [];
      for (let end = 0; end < text.length; end++) {
        const selected = keywords.flatMap((words, rule) =>
          words.some((w) => lower.slice(0, end + 1).endsWith(w)) ? [rule] : [],
        );
        if (selected.length > 0) expected.push([end, selected]);
      }
      expect(hits(index, text)).toEqual(expected);
    }
  });
});

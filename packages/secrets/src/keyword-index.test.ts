import { describe, expect, it } from 'vitest';
import { KeywordIndex } from './keyword-index.js';

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
});

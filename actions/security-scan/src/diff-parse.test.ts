import { describe, expect, it } from 'vitest';
import { countLines, overlapsRanges, parseAddedLines, parseNumstat } from './diff-parse.js';

describe('parseNumstat', () => {
  it('reads plain, renamed and binary entries, leaving out binaries and files with nothing added', () => {
    const text = '3\t1\tsrc/a.ts\0' + '2\t0\t\0old name.ts\0new name.ts\0' + '-\t-\timg.png\0' + '0\t5\tgone.ts\0';
    expect(parseNumstat(text)).toEqual([
      { path: 'src/a.ts', added: 3 },
      { path: 'new name.ts', from: 'old name.ts', added: 2 },
    ]);
  });

  it('keeps paths with tabs, quotes and newlines as they are (-z does not quote)', () => {
    expect(parseNumstat('1\t0\tdir/we"ird\tname\n.txt\0')).toEqual([{ path: 'dir/we"ird\tname\n.txt', added: 1 }]);
  });

  it('fails loudly on output it does not understand', () => {
    expect(() => parseNumstat('garbage\0')).toThrow(/numstat/);
  });
});

describe('parseAddedLines', () => {
  it('reads the new-side ranges of -U0 hunks, a missing count meaning one line and 0 none', () => {
    const diff = [
      'diff --git a/x b/x',
      '--- a/x',
      '+++ b/x',
      '@@ -1,0 +2,3 @@ function f() {',
      '+a',
      '+@@ -9 +9 @@ not a header inside a line',
      '+c',
      '@@ -10 +12 @@',
      '-old',
      '+new',
      '@@ -20,2 +23,0 @@',
      '-gone',
      '-gone',
    ].join('\n');
    expect(parseAddedLines(diff)).toEqual([
      [2, 4],
      [12, 12],
    ]);
  });

  it('reads combined-diff headers too', () => {
    expect(parseAddedLines('@@@ -1,2 -1,2 +1,4 @@@\n')).toEqual([[1, 4]]);
  });
});

describe('countLines / overlapsRanges', () => {
  it('counts and intersects inclusive ranges', () => {
    const ranges = [
      [2, 4],
      [12, 12],
    ] as const;
    expect(countLines(ranges)).toBe(4);
    expect(overlapsRanges(ranges, 4, 4)).toBe(true);
    expect(overlapsRanges(ranges, 5, 11)).toBe(false);
    expect(overlapsRanges(ranges, 10, 13)).toBe(true);
  });
});

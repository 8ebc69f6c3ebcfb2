import { describe, expect, it } from 'vitest';
import { lineHash, lineHashes } from './line-hash.js';

// Expected values are those of github/codeql-action's own tests of its upload fingerprinting (src/fingerprints.test.ts
// there), i.e. computed by the algorithm code scanning uses; our implementation is independent of theirs.
const cases: [string, string[]][] = [
  ['', ['c129715d7a2bc9a3:1']],
  [' a\nb\n  \t\tc\n d', ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']],
  [
    ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End',
    [
      '8b7cf3e952e7aeb2:1',
      'b1ae1287ec4718d9:1',
      'bff680108adb0fcc:1',
      'c6805c5e1288b612:1',
      'b86d3392aea1be30:1',
      'e6ceba753e1a442:1',
    ],
  ],
];
const withFinalNewline = [
  'e9496ae3ebfced30:1',
  'fb7c023a8b9ccb3f:1',
  'ce8ba1a563dcdaca:1',
  'e20e36e16fcb0cc8:1',
  'b3edc88f2938467e:1',
  'c8e28b0b4002a3a0:1',
  'c129715d7a2bc9a3:1',
];
for (const text of [
  ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n',
  ' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r',
  ' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n',
  ' hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n',
]) {
  cases.push([text, withFinalNewline]);
}
cases.push([
  'Lorem ipsum dolor sit amet.\n'.repeat(10),
  [
    ...[1, 2, 3, 4, 5, 6].map((n) => `a7f2ff13bc495cf2:${n}`),
    'a7f2ff1481e87703:1',
    'a9cf91f7bbf1862b:1',
    '55ec222b86bcae53:1',
    'cc97dc7b1d7d8f7b:1',
    'c129715d7a2bc9a3:1',
  ],
]);

describe('lineHashes', () => {
  it.each(cases)('hashes %j like code scanning does', (text, expected) => {
    expect(lineHashes(text)).toEqual(expected);
    expect(lineHashes(text)).toHaveLength(text.split(/\r\n|\r|\n/).length);
  });

  it('keeps a line hash when lines are inserted far above it (the point of the fingerprint)', () => {
    const body = Array.from({ length: 30 }, (_, i) => `const value${i} = compute(${i});`).join('\n');
    const moved = `// a new header comment\n// and another\n${body}`;
    expect(lineHashes(moved)[2 + 20]).toBe(lineHashes(body)[20]);
  });
});

describe('lineHash', () => {
  it('returns one line, 1-based, and undefined past the end', () => {
    expect(lineHash(' a\nb\n  \t\tc\n d', 2)).toBe('54703d4cd895b18:1');
    expect(lineHash('a', 5)).toBeUndefined();
  });
});

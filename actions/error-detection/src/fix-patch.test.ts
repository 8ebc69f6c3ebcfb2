import { describe, expect, it } from 'vitest';
import { buildPatch, diffAppend } from './fix-patch.js';

describe('diffAppend', () => {
  it('appends after the last three lines as context', () => {
    expect(diffAppend({ shown: '.env', text: 'A=1\nB=2\nC=3\nD=4\n' }, ['E=5'])).toBe(
      ['diff --git a/.env b/.env', '--- a/.env', '+++ b/.env', '@@ -2,3 +2,4 @@', ' B=2', ' C=3', ' D=4', '+E=5'].join(
        '\n',
      ),
    );
  });

  it('gives a last line without a newline its newline', () => {
    expect(diffAppend({ shown: '.env', text: 'A=1' }, ['B='])).toBe(
      [
        'diff --git a/.env b/.env',
        '--- a/.env',
        '+++ b/.env',
        '@@ -1,1 +1,2 @@',
        '-A=1',
        '\\ No newline at end of file',
        '+A=1',
        '+B=',
      ].join('\n'),
    );
  });

  it('creates a file that does not exist, and fills an empty one', () => {
    expect(diffAppend({ shown: 'app/.env', text: undefined }, ['A=', 'B='])).toBe(
      [
        'diff --git a/app/.env b/app/.env',
        'new file mode 100644',
        '--- /dev/null',
        '+++ b/app/.env',
        '@@ -0,0 +1,2 @@',
        '+A=',
        '+B=',
      ].join('\n'),
    );
    expect(diffAppend({ shown: '.env', text: '' }, ['A='])).toContain('@@ -0,0 +1,1 @@\n+A=');
  });
});

describe('buildPatch', () => {
  it('merges edits of one file, keeps one line per key, and lists the commands in the header', () => {
    const patch = buildPatch(
      [
        { file: '.env.example', append: ['A=', 'B='], reason: 'first' },
        { file: '.env.example', append: ['B=', 'C='], reason: 'second' },
      ],
      [{ command: 'npm install --package-lock-only', directory: '.', reason: 'lock' }],
      (file) => ({ shown: file, text: 'X=1\n' }),
    );
    expect(patch).toContain('#   (cd . && npm install --package-lock-only)   # lock');
    expect(patch).toContain('@@ -1,1 +1,4 @@\n X=1\n+A=\n+B=\n+C=\n');
  });

  it('is undefined when there is nothing to write down', () => {
    expect(buildPatch([], [], () => ({ shown: '', text: '' }))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { SourceText } from './source-text.js';

describe('SourceText.expressionsIn', () => {
  const text = ['run: |', '  echo "${{ a.b }}"', "  x='${{ format('}}', c) }}'", ''].join('\n');
  const source = new SourceText(text);

  it('finds each expression at its line and column, in a block scalar too', () => {
    const found = source.expressionsIn({ line: 1, column: 6, endLine: 4, endColumn: 1 });
    expect(found.map((e) => [e.expression, e.range.line, e.range.column, e.range.endColumn])).toEqual([
      ['a.b', 2, 9, 19],
      ["format('}}', c)", 3, 6, 28],
    ]);
  });

  it('converts between offsets and positions', () => {
    expect(source.positionOf(source.offsetOf(3, 4))).toEqual({ line: 3, column: 4 });
  });
});

import { describe, expect, it } from 'vitest';
import { JsonPositions } from './json-positions.js';

describe('JsonPositions', () => {
  it('finds keys and array items by path, skipping strings with escaped quotes, braces and colons', () => {
    const text = [
      '{',
      '  "name": "a \\"quoted\\" {value}: [1]",',
      '  "list": [',
      '    {"id": 1},',
      '    "two",',
      '    [3, null]',
      '  ],',
      '  "nested": {',
      '    "deep": {"x": true}',
      '  }',
      '}',
    ].join('\n');
    expect(() => JSON.parse(text)).not.toThrow();
    const positions = new JsonPositions(text, 3);
    expect(positions.lineOf(['name'])).toBe(2);
    expect(positions.lineOf(['list'])).toBe(3);
    expect(positions.lineOf(['list', 0])).toBe(4);
    expect(positions.lineOf(['list', 0, 'id'])).toBe(4);
    expect(positions.lineOf(['list', 1])).toBe(5);
    expect(positions.lineOf(['list', 2])).toBe(6);
    expect(positions.lineOf(['nested', 'deep'])).toBe(9);
    expect(positions.lineOf(['nested', 'deep', 'x'])).toBe(9);
    expect(positions.lineOf(['missing'])).toBeUndefined();
  });

  it('records nothing deeper than maxDepth', () => {
    const positions = new JsonPositions('{"a": {"b": {"c": 1}}}', 2);
    expect(positions.lineOf(['a', 'b'])).toBe(1);
    expect(positions.lineOf(['a', 'b', 'c'])).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateJsonPath, JsonPathError, parseJsonPath } from './json-path.js';

const data = {
  status: 'ok',
  'content-type': 'json',
  items: [
    { id: 1, name: 'a', tags: ['x'] },
    { id: 2, name: 'b', owner: { id: 9 } },
  ],
  meta: { total: 2, id: 'm' },
};

const query = (path: string, value: unknown = data): unknown[] => evaluateJsonPath(parseJsonPath(path), value);

function pathError(path: string): JsonPathError {
  try {
    parseJsonPath(path);
  } catch (error) {
    if (error instanceof JsonPathError) return error;
    throw error;
  }
  throw new Error(`expected ${path} to be refused`);
}

describe('parseJsonPath', () => {
  it('parses every supported form into segments', () => {
    expect(parseJsonPath("$.items[0]['name']..id[*].*[-1]").segments).toEqual([
      { selector: { kind: 'name', name: 'items' }, recursive: false },
      { selector: { kind: 'index', index: 0 }, recursive: false },
      { selector: { kind: 'name', name: 'name' }, recursive: false },
      { selector: { kind: 'name', name: 'id' }, recursive: true },
      { selector: { kind: 'wildcard' }, recursive: false },
      { selector: { kind: 'wildcard' }, recursive: false },
      { selector: { kind: 'index', index: -1 }, recursive: false },
    ]);
  });

  it('keeps the source and accepts the root alone', () => {
    expect(parseJsonPath('$')).toEqual({ source: '$', segments: [] });
  });

  it('reads quoted names with escapes and either quote', () => {
    expect(parseJsonPath(`$["a.b"]['it\\'s'][ 'x y' ]`).segments.map((s) => s.selector)).toEqual([
      { kind: 'name', name: 'a.b' },
      { kind: 'name', name: "it's" },
      { kind: 'name', name: 'x y' },
    ]);
  });

  it.each([
    ['$.items[', "'$.items[' is not a valid JSON path: unclosed bracket at position 8"],
    ['$.items[0', "'$.items[0' is not a valid JSON path: unclosed bracket at position 8"],
    ['items', "'items' is not a valid JSON path: a path starts with '$' at position 1"],
    ['$.', "'$.' is not a valid JSON path: expected a name after '.' at position 2"],
    ['$.a..', "'$.a..' is not a valid JSON path: expected a name after '..' at position 4"],
    ["$['abc]", "'$['abc]' is not a valid JSON path: unterminated string at position 3"],
    [
      '$[abc]',
      "'$[abc]' is not a valid JSON path: unexpected 'a': expected an index, '*' or a quoted name inside brackets at position 3",
    ],
    ['$[]', "'$[]' is not a valid JSON path: empty brackets: expected an index, '*' or a quoted name at position 3"],
    [
      '$[0:2]',
      "'$[0:2]' is not a valid JSON path: slices are not supported: use an index such as [0] or [-1] at position 4",
    ],
    [
      '$[0,1]',
      "'$[0,1]' is not a valid JSON path: unions are not supported: write one path per assertion at position 4",
    ],
    [
      '$[?(@.id==1)]',
      "'$[?(@.id==1)]' is not a valid JSON path: filter expressions are not supported: assert on a path to the value itself at position 3",
    ],
    ['$a', "'$a' is not a valid JSON path: unexpected 'a': expected '.' or '[' at position 2"],
  ])('refuses %s with the reason and the position', (path, message) => {
    const error = pathError(path);
    expect(error.message).toBe(message);
    expect(error.path).toBe(path);
  });
});

describe('evaluateJsonPath', () => {
  it('selects children by name, quoted name and index', () => {
    expect(query('$.status')).toEqual(['ok']);
    expect(query("$['content-type']")).toEqual(['json']);
    expect(query('$.content-type')).toEqual(['json']);
    expect(query('$.items[1].name')).toEqual(['b']);
    expect(query('$.items[-1].id')).toEqual([2]);
  });

  it('returns the root for $', () => {
    expect(query('$', 5)).toEqual([5]);
  });

  it('returns nothing for missing keys, out-of-range indexes and the wrong container', () => {
    expect(query('$.missing')).toEqual([]);
    expect(query('$.items[5]')).toEqual([]);
    expect(query('$.items[-3]')).toEqual([]);
    expect(query('$.status[0]')).toEqual([]);
    expect(query('$.items.id')).toEqual([]);
    expect(query('$.constructor')).toEqual([]);
  });

  it('expands wildcards over arrays and objects', () => {
    expect(query('$.items[*].id')).toEqual([1, 2]);
    expect(query('$.meta.*')).toEqual([2, 'm']);
    expect(query('$.status.*')).toEqual([]);
  });

  it('descends recursively in document order', () => {
    expect(query('$..id')).toEqual([1, 2, 9, 'm']);
    expect(query('$..tags[0]')).toEqual(['x']);
    expect(query("$..['total']")).toEqual([2]);
    expect(query('$.items..*')).toHaveLength(10);
  });

  it('keeps null values as matches', () => {
    expect(query('$.a', { a: null })).toEqual([null]);
  });
});

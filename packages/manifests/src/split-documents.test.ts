import { describe, expect, it } from 'vitest';
import { tryLoadFast } from './fast-yaml.js';
import { splitDocuments } from './split-documents.js';

const texts = (text: string) => splitDocuments(text)?.map((d) => d.text);

describe('splitDocuments', () => {
  it('cuts at document markers, with each piece’s offset and line', () => {
    const text = 'a: 1\n---\nb: 2\n---\nc: 3\n';
    expect(splitDocuments(text)).toEqual([
      { text: 'a: 1\n', offset: 0, line: 1 },
      { text: '---\nb: 2\n', offset: 5, line: 2 },
      { text: '---\nc: 3\n', offset: 14, line: 4 },
    ]);
  });

  it('finds the same documents as the YAML parser, empty and commented ones included', () => {
    const cases = [
      '',
      '# only a comment\n',
      '---\na: 1\n',
      '# head\n---\na: 1\n---\n---\nb: 2\n---\n# tail\n',
      'a: 1\n...\n---\nb: 2\n...\n',
      'a: 1\n...\nb: 2\n',
      '--- |\n  text\n---\nc: 3',
      'x: |\n  ---not a marker\n  ...\n  more\ny: "a\n  --- b"\n',
      '---   # comment\na: 1\r\n---\r\nb: 2\r\n',
    ];
    for (const text of cases) expect(texts(text)?.length, JSON.stringify(text)).toBe(tryLoadFast(text, 'core')?.length);
  });

  it('leaves streams with directives to the whole-file parser', () => {
    expect(splitDocuments('%YAML 1.1\n---\na: 1\n')).toBeUndefined();
  });
});

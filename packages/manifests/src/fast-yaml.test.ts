import { describe, expect, it } from 'vitest';
import { tryLoadFast } from './fast-yaml.js';
import { parsePositionedYaml } from './positioned-yaml.js';

describe('tryLoadFast', () => {
  it('reads the same data as the positioned parser, YAML 1.1 surprises included', () => {
    const text = [
      '---',
      'a: yes',
      'b: 0755',
      'c: on',
      'd: 2024-01-02',
      'e: "no"',
      'f: ~',
      'g: 0x1F',
      'h: 1_000',
      'i: .5',
      'j: [1, "2", {k: v}]',
      '---',
      '---',
      'base: &b {x: 1}',
      'merged: {<<: {x: 2}, y: 3}',
    ].join('\n');
    const fast = tryLoadFast(text, 'kubernetes');
    const slow = parsePositionedYaml(text, 'f.yaml', 'kubernetes').documents.map((d) => d.data);
    expect(fast).toEqual(slow);
    expect(fast?.[0]).toMatchObject({ a: true, b: 493, d: '2024-01-02', e: 'no', f: null, g: 31, h: 1000 });
    expect(tryLoadFast('a: yes\n', 'core')).toEqual([{ a: 'yes' }]);
  });

  it('leaves files with a syntax error, a duplicate key or an alias to the positioned parser', () => {
    expect(tryLoadFast('a: [1\n', 'kubernetes')).toBeUndefined();
    expect(tryLoadFast('a: 1\na: 2\n', 'kubernetes')).toBeUndefined();
    expect(tryLoadFast('a: &x 1\nb: *x\n', 'kubernetes')).toBeUndefined();
    expect(tryLoadFast('b: [*x]\n', 'kubernetes')).toBeUndefined();
  });

  it('does not take a cron schedule or a quoted glob for an alias', () => {
    expect(tryLoadFast('schedule: "0 3 * * *"\nhost: "*.example.com"\ns: 0 3 * * *\n', 'kubernetes')).toEqual([
      { schedule: '0 3 * * *', host: '*.example.com', s: '0 3 * * *' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseVersion, satisfies } from './version-range.js';

describe('satisfies', () => {
  it.each([
    ['24.1.0', '>=24', true],
    ['20.11.1', '>=24', false],
    ['24.1.0', '^24.0.0', true],
    ['25.0.0', '^24.0.0', false],
    ['18.19.0', '18.x || 20.x', true],
    ['22.0.0', '18.x || 20.x', false],
    ['20.5.0', '>=18 <21', true],
    ['21.0.0', '>=18 <21', false],
    ['1.2.9', '~1.2.3', true],
    ['1.3.0', '~1.2.3', false],
    ['0.2.5', '^0.2.3', true],
    ['0.3.0', '^0.2.3', false],
    ['16.0.0', '14 - 16', true],
    ['17.0.0', '14 - 16', false],
    ['24.0.0', '*', true],
    ['24.0.0', '>= 22', true],
  ])('%s in %s is %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('says it cannot tell for a range it does not read', () => {
    expect(satisfies('24.0.0', 'latest')).toBeUndefined();
  });
});

describe('parseVersion', () => {
  it('reads node, rustc and go versions', () => {
    expect(parseVersion('v24.21.0')).toEqual([24, 21, 0]);
    expect(parseVersion('1.22')).toEqual([1, 22, 0]);
    expect(parseVersion('nope')).toBeUndefined();
  });
});

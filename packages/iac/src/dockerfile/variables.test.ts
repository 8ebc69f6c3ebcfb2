import { describe, expect, it } from 'vitest';
import { substitute } from './variables.js';

describe('substitute', () => {
  const vars = new Map<string, string | undefined>([
    ['VERSION', '20'],
    ['EMPTY', ''],
    ['UNSET', undefined],
  ]);
  it.each([
    ['node:${VERSION}', 'node:20'],
    ['node:$VERSION-alpine', 'node:20-alpine'],
    ['node:${EMPTY:-18}', 'node:18'],
    ['node:${EMPTY-18}', 'node:'],
    ['node:${MISSING:-lts}', 'node:lts'],
    ['node:${VERSION:+set}', 'node:set'],
    ['node:${MISSING}', undefined],
    ['node:${UNSET}', undefined],
  ])('%s → %s', (text, expected) => {
    expect(substitute(text, vars)).toBe(expected);
  });
});

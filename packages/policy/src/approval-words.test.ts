import { describe, expect, it } from 'vitest';
import { checkApprovalWords, DEFAULT_APPROVAL_WORDS, parseApprovalWordList, readVerdict } from './approval-words.js';

const verdict = (body: string) => readVerdict(body, DEFAULT_APPROVAL_WORDS)?.verdict;

describe('readVerdict', () => {
  it('counts a word on a line of its own, any case, with trailing . or !', () => {
    expect(verdict('approve')).toBe('approve');
    expect(verdict('  /approve  ')).toBe('approve');
    expect(verdict('LGTM!')).toBe('approve');
    expect(verdict('Thanks for the fix.\n\nlgtm\n')).toBe('approve');
    expect(verdict('deny')).toBe('deny');
  });

  it('ignores words inside a sentence', () => {
    expect(verdict('I would not approve this')).toBeUndefined();
    expect(verdict('approve after the migration')).toBeUndefined();
    expect(verdict('looks bad')).toBeUndefined();
  });

  it('ignores quotes, code spans, fenced and indented code blocks and HTML comments', () => {
    expect(verdict('> approve')).toBeUndefined();
    expect(verdict('  > lgtm\n>> approve')).toBeUndefined();
    expect(verdict('`approve`')).toBeUndefined();
    expect(verdict('```\napprove\n```')).toBeUndefined();
    expect(verdict('~~~~md\n/approve\n~~~~')).toBeUndefined();
    expect(verdict('````\n```\napprove\n```\n````')).toBeUndefined();
    expect(verdict('    approve')).toBeUndefined();
    expect(verdict('\tapprove')).toBeUndefined();
    expect(verdict('<!-- approve -->')).toBeUndefined();
    expect(verdict('```\nno fence end\napprove')).toBeUndefined();
  });

  it('lets a deny line win over an approve line in the same comment', () => {
    expect(verdict('approve\ndeny')).toBe('deny');
    expect(readVerdict('ok so\nlgtm', DEFAULT_APPROVAL_WORDS)).toEqual({ verdict: 'approve', line: 'lgtm' });
  });

  it('uses configured words only', () => {
    expect(readVerdict('ship it', { approve: ['ship'], deny: ['stop'] })).toBeUndefined();
    expect(readVerdict('SHIP', { approve: ['ship'], deny: ['stop'] })?.verdict).toBe('approve');
    expect(readVerdict('approve', { approve: ['ship'], deny: ['stop'] })).toBeUndefined();
  });
});

describe('parseApprovalWordList', () => {
  it('reads a comma- or newline-separated list in lower case', () => {
    expect(parseApprovalWordList('Approve, /approve\nLGTM', 'approve-words')).toEqual(['approve', '/approve', 'lgtm']);
  });

  it('refuses empty lists and phrases, naming the input', () => {
    expect(() => parseApprovalWordList(' , ', 'approve-words')).toThrow(/Input 'approve-words' has an invalid value/);
    expect(() => parseApprovalWordList('approve, ship it', 'approve-words')).toThrow(
      /Input 'approve-words' has an invalid value "ship it": expected a comma-separated list of single words/,
    );
  });

  it('refuses a word that both approves and denies', () => {
    expect(() => checkApprovalWords({ approve: ['ok'], deny: ['ok'] })).toThrow(
      /Input 'deny-words' has an invalid value "ok"/,
    );
  });
});

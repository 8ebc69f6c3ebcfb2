import { describe, expect, it } from 'vitest';
import { budgetAnnotations, formatLocation, type Annotation } from './annotations.js';
import { buildReport, reportSchema } from './report.js';
import { SecretRegistry } from './secrets.js';
import { escapeMarkdown, Summary } from './summary.js';
import { formatDuration, tryParseDuration } from '@shipgate/core';
import { thresholdsFor } from './environments.js';

describe('Summary', () => {
  it('builds headings, escaped tables, lists, details and code blocks', () => {
    const md = new Summary()
      .heading('Canary | results')
      .table(
        ['Stage', { header: 'Weight', align: 'right' }],
        [
          ['one\ntwo', 5],
          ['<b>', undefined],
        ],
      )
      .list(['a*b'])
      .details('More', 'body')
      .code('graph LR', 'mermaid')
      .toMarkdown();
    expect(md).toBe(
      [
        '## Canary \\| results',
        '',
        '| Stage | Weight |\n| --- | ---: |\n| one two | 5 |\n| \\<b\\> |  |',
        '',
        '- a\\*b',
        '',
        '<details><summary>More</summary>\n\nbody\n\n</details>',
        '',
        '```mermaid\ngraph LR\n```',
        '',
      ].join('\n'),
    );
  });

  it('truncates long cells safely', () => {
    const md = new Summary().table(['x'], [['y'.repeat(1000)]]).toMarkdown();
    expect(md).toContain(`${'y'.repeat(300)}…`);
    expect(md).not.toContain('y'.repeat(301));
  });

  it('redacts a secret before escaping or shortening it, and its escaped form in Markdown built elsewhere', () => {
    const token = 'ghs_Ab_cd*EF<gh>' + 'x'.repeat(300);
    const secrets = new SecretRegistry();
    secrets.add(token);
    const summary = new Summary((text) => secrets.redact(text));
    const nested = summary
      .section()
      .table(['Token'], [[token]])
      .toMarkdown();
    const md = summary
      .heading(`token ${token}`)
      .text(token)
      .table(['Token'], [[`prefix ${token}`]])
      .details('nested', nested)
      .toMarkdown();
    const final = secrets.redact(md);
    for (const form of [token, escapeMarkdown(token), escapeMarkdown(token.slice(0, 120)), 'ghs_Ab', 'ghs\\_Ab']) {
      expect(final).not.toContain(form);
    }
    expect(final).toContain('\\*\\*\\*'); // *** escaped, which Markdown shows as ***
  });

  it('is empty until something is added', () => {
    expect(new Summary().isEmpty).toBe(true);
    expect(new Summary().toMarkdown()).toBe('');
  });
});

describe('escapeMarkdown', () => {
  it('escapes characters that would change the layout', () => {
    expect(escapeMarkdown('a|b_c')).toBe('a\\|b\\_c');
  });
});

describe('budgetAnnotations', () => {
  it('keeps the most severe first, in order found, up to the budget', () => {
    const make = (level: Annotation['level'], n: number): Annotation => ({ level, message: String(n) });
    const all = [make('notice', 1), make('warning', 2), make('error', 3), make('error', 4), make('warning', 5)];
    const { inline, overflow } = budgetAnnotations(all, 3);
    expect(inline.map((a) => a.message)).toEqual(['3', '4', '2']);
    expect(overflow.map((a) => a.message)).toEqual(['5', '1']);
  });
});

describe('formatLocation', () => {
  it('formats file, line and column when present', () => {
    expect(formatLocation({ level: 'error', message: '', file: 'a.ts', line: 3, column: 4 })).toBe('a.ts:3:4');
    expect(formatLocation({ level: 'error', message: '', file: 'a.ts' })).toBe('a.ts');
    expect(formatLocation({ level: 'error', message: '' })).toBe('');
  });
});

describe('buildReport', () => {
  it('wraps data in a versioned envelope', () => {
    expect(buildReport('canary-deploy', { a: 1 }, new Date('2026-01-02T03:04:05Z'))).toEqual({
      schema: 'shipgate/canary-deploy/v1',
      action: 'canary-deploy',
      generatedAt: '2026-01-02T03:04:05.000Z',
      data: { a: 1 },
    });
    expect(reportSchema('rollback', 2)).toBe('shipgate/rollback/v2');
  });
});

describe('SecretRegistry', () => {
  it('registers every line and encoded form, and redacts them, longest first', () => {
    const registered: string[] = [];
    const secrets = new SecretRegistry((v) => registered.push(v));
    secrets.add('-----BEGIN KEY-----\nAAAAsecretbody\n-----END KEY-----');
    secrets.add('p@ss word!');
    expect(registered).toEqual(expect.arrayContaining(['AAAAsecretbody', 'p@ss word!', 'p%40ss%20word!']));
    expect(secrets.redact('key AAAAsecretbody and p%40ss%20word! and "p@ss word!"')).toBe('key *** and *** and "***"');
  });

  it('redacts the start of a secret that a message cut short (ending at the cut mark …)', () => {
    const secrets = new SecretRegistry();
    const token = 'ghs_cutTokenValue0123456789abcdef';
    secrets.add(token);
    const cut = (text: string, max: number): string => `${text.slice(0, max)}… (${text.length - max} more characters)`;
    expect(secrets.redact(cut(`stderr: ${token} and more`, 20))).toBe('stderr: ***… (30 more characters)');
    expect(secrets.redact(`a "${token.slice(0, 9)}…" b`)).toBe('a "***…" b');
    // Text before a cut that is not the start of a secret, or too short to be one, stays.
    expect(secrets.redact('see the log… or ghs… later')).toBe('see the log… or ghs… later');
    expect(secrets.redact(`${token.slice(1, 12)}…`)).toBe(`${token.slice(1, 12)}…`);
  });

  it('keeps the shown start of a found secret added whole-only (ghp_…(40 chars)), still redacting it whole', () => {
    const secrets = new SecretRegistry();
    const token = 'ghp_wholeOnlyTokenValue0123456789abcdefgh';
    secrets.add(token, { whole: true });
    expect(secrets.redact(`found ghp_…(40 chars) and ${token}`)).toBe('found ghp_…(40 chars) and ***');
    // Added again without whole (an input, say), its cut start is a secret again.
    secrets.add(token);
    expect(secrets.redact('ghp_wh…')).toBe('***…');
  });

  it('ignores fragments too short to matter', () => {
    const secrets = new SecretRegistry();
    secrets.add('ab\nlong-enough');
    expect(secrets.redact('ab long-enough')).toBe('ab ***');
  });
});

describe('tryParseDuration / formatDuration', () => {
  it('round-trips the forms users write', () => {
    expect(tryParseDuration('1h30m')).toBe(5_400_000);
    expect(tryParseDuration('0.5s')).toBe(500);
    expect(tryParseDuration('10')).toBeUndefined();
    expect(tryParseDuration('5 minutes')).toBeUndefined();
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(61_500)).toBe('1m1s500ms');
    expect(formatDuration(250)).toBe('250ms');
  });
});

describe('thresholdsFor', () => {
  it('uses the table in DESIGN.md, production for unknown names, and overrides', () => {
    expect(thresholdsFor('staging')).toEqual({ maxCritical: 1, maxHigh: 7, maxErrorRate: 2, maxP95Ms: 2500 });
    expect(thresholdsFor('qa')).toEqual(thresholdsFor('production'));
    expect(thresholdsFor('development', { maxHigh: 3 }).maxHigh).toBe(3);
  });
});

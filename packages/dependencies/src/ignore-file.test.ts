import { describe, expect, it } from 'vitest';
import { isExpired, parseIgnoreFile } from './ignore-file.js';

const FILE = '.github/osv-ignore.yml';

describe('parseIgnoreFile', () => {
  it('reads ids, reasons, expiry dates and packages with their lines', () => {
    const rules = parseIgnoreFile(
      [
        'ignore:',
        '  - id: GHSA-jf85-cpcp-j695',
        '    reason: only the unaffected API is used',
        '    expires: 2026-12-31',
        '  - id: CVE-2022-25883',
        '    reason: dev tool only',
        '    package: semver',
      ].join('\n'),
      FILE,
    );
    expect(rules).toEqual([
      {
        id: 'GHSA-jf85-cpcp-j695',
        reason: 'only the unaffected API is used',
        expires: '2026-12-31',
        origin: `${FILE}:2`,
      },
      { id: 'CVE-2022-25883', reason: 'dev tool only', package: 'semver', origin: `${FILE}:5` },
    ]);
  });

  it('requires a reason, a real date and known keys, naming the file, key and line', () => {
    expect(() => parseIgnoreFile('ignore:\n  - id: GHSA-x\n', FILE)).toThrow(
      `${FILE}:2:5: 'ignore[0].reason' is required`,
    );
    expect(() => parseIgnoreFile('ignore:\n  - id: GHSA-x\n    reason: r\n    expires: 2026-02-30\n', FILE)).toThrow(
      `${FILE}:4:14: 'ignore[0].expires' must be a date as YYYY-MM-DD, got "2026-02-30"`,
    );
    expect(() => parseIgnoreFile('ignore:\n  - id: GHSA-x\n    reason: r\n    until: 2026-01-01\n', FILE)).toThrow(
      `'ignore[0].until' is not a known key`,
    );
    expect(() => parseIgnoreFile('ignores: []\n', FILE)).toThrow(`'ignores' is not a known key`);
  });
});

describe('isExpired', () => {
  it('applies through the expiry day and stops the day after', () => {
    const rule = { id: 'x', reason: 'r', expires: '2026-03-31', origin: FILE };
    expect(isExpired(rule, '2026-03-31')).toBe(false);
    expect(isExpired(rule, '2026-04-01')).toBe(true);
    expect(isExpired({ id: 'x', reason: 'r', origin: FILE }, '2099-01-01')).toBe(false);
  });
});

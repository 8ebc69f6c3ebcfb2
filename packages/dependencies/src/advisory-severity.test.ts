import { describe, expect, it } from 'vitest';
import { advisorySeverity, cvss3BaseScore } from './advisory-severity.js';

describe('cvss3BaseScore', () => {
  it('computes base scores as the CVSS 3.1 calculator does', () => {
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe(9.8);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H')).toBe(9.1);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:N/A:N')).toBe(7.7);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L')).toBe(5.3);
    expect(cvss3BaseScore('CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N')).toBe(6.1);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N')).toBe(0);
    expect(cvss3BaseScore('AV:N/AC:L/Au:N/C:P/I:P/A:P')).toBeUndefined();
  });
});

describe('advisorySeverity', () => {
  it("prefers GitHub's rating, then the CVSS vector, and says when there is neither", () => {
    const vector = [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L' }];
    expect(
      advisorySeverity({ id: 'a', modified: '', severity: vector, database_specific: { severity: 'HIGH' } }),
    ).toEqual({
      severity: 'high',
      source: 'rated HIGH',
    });
    expect(advisorySeverity({ id: 'a', modified: '', database_specific: { severity: 'MODERATE' } }).severity).toBe(
      'medium',
    );
    expect(advisorySeverity({ id: 'a', modified: '', severity: vector })).toEqual({
      severity: 'medium',
      source: 'CVSS 5.3',
    });
    expect(advisorySeverity({ id: 'a', modified: '', severity: [] })).toEqual({
      severity: undefined,
      source: 'no severity in the advisory',
    });
  });
});

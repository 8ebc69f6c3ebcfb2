import { describe, expect, it } from 'vitest';
import { freezeEndText, inFreezePeriod, parseFreezePeriod, parseFreezePeriods } from './freeze-period.js';

const at = (iso: string) => Date.parse(iso);
const frozen = (period: string, iso: string, zone = 'Europe/Berlin') =>
  inFreezePeriod(parseFreezePeriod(period), at(iso), zone);

describe('parseFreezePeriod', () => {
  it('reads date ranges, date-time ranges, yearly ranges and a name', () => {
    expect(parseFreezePeriod('2026-12-20..2027-01-04')).toMatchObject({
      kind: 'dates',
      start: 20261220,
      end: 20270104,
    });
    expect(parseFreezePeriod('12-24..01-02 Holidays')).toMatchObject({
      kind: 'yearly',
      start: 1224,
      end: 102,
      name: 'Holidays',
    });
    expect(parseFreezePeriod('2026-11-27T18:00..2026-11-30T08:00Z').kind).toBe('times');
    expect(parseFreezePeriod('02-29..03-01').kind).toBe('yearly');
  });

  it('names the input and the value of a bad period', () => {
    for (const bad of [
      '12-32..01-02',
      '2026-02-30..2026-03-01',
      '2027-01-01..2026-12-01',
      '12-24',
      '2026-12-24T25:00..2026-12-25T00:00',
      '1..2..3',
    ]) {
      expect(() => parseFreezePeriod(bad, 'freeze')).toThrow(
        `Input 'freeze' has an invalid value ${JSON.stringify(bad)}`,
      );
    }
  });

  it('splits several periods on lines and semicolons', () => {
    expect(parseFreezePeriods('12-24..01-02; 2026-11-27..2026-11-27 Black Friday\n').map((p) => p.name)).toEqual([
      undefined,
      'Black Friday',
    ]);
  });
});

describe('inFreezePeriod', () => {
  it('freezes 24 December to 2 January every year, across New Year, in local days', () => {
    const period = '12-24..01-02';
    expect(frozen(period, '2026-12-23T22:59:00Z')).toBe(false); // 23:59 on 23 December in Berlin
    expect(frozen(period, '2026-12-23T23:00:00Z')).toBe(true); // 00:00 on 24 December
    expect(frozen(period, '2026-12-31T23:30:00Z')).toBe(true); // New Year's Day, 00:30
    expect(frozen(period, '2027-01-02T22:59:00Z')).toBe(true); // 23:59 on 2 January
    expect(frozen(period, '2027-01-02T23:00:00Z')).toBe(false); // 3 January
    expect(frozen(period, '2027-06-15T12:00:00Z')).toBe(false);
    expect(frozen(period, '2027-12-24T12:00:00Z')).toBe(true); // the next year too
  });

  it('freezes an explicit date range across New Year', () => {
    expect(frozen('2026-12-20..2027-01-04', '2027-01-04T12:00:00Z', 'America/New_York')).toBe(true);
    expect(frozen('2026-12-20..2027-01-04', '2027-01-05T04:59:00Z', 'America/New_York')).toBe(true);
    expect(frozen('2026-12-20..2027-01-04', '2027-01-05T05:00:00Z', 'America/New_York')).toBe(false);
  });

  it('compares date-time ranges as instants, so the repeated hour is not frozen twice', () => {
    const period = '2026-10-25T02:30..2026-10-25T05:00';
    expect(frozen(period, '2026-10-25T00:29:00Z')).toBe(false);
    expect(frozen(period, '2026-10-25T00:30:00Z')).toBe(true); // 02:30 CEST, the first occurrence
    expect(frozen(period, '2026-10-25T01:10:00Z')).toBe(true); // 02:10 CET, the second: after the start
    expect(frozen(period, '2026-10-25T04:00:00Z')).toBe(false); // 05:00 CET
  });

  it('starts a freeze written in the missing hour when the clock jumps past it', () => {
    const period = '2026-03-29T02:30..2026-03-29T12:00';
    expect(frozen(period, '2026-03-29T01:29:00Z')).toBe(false); // 03:29 CEST
    expect(frozen(period, '2026-03-29T01:30:00Z')).toBe(true);
  });

  it('takes an explicit offset as an absolute instant', () => {
    expect(frozen('2026-11-27T18:00Z..2026-11-27T19:00+01:00', '2026-11-27T17:59:00Z', 'America/New_York')).toBe(false);
    expect(frozen('2026-11-27T18:00Z..2026-11-27T19:00+01:00', '2026-11-27T18:00:00Z', 'America/New_York')).toBe(false);
    expect(frozen('2026-11-27T17:00Z..2026-11-27T19:00+01:00', '2026-11-27T17:59:00Z', 'America/New_York')).toBe(true);
  });
});

describe('freezeEndText', () => {
  it('names the end of a yearly freeze in the right year', () => {
    const period = parseFreezePeriod('12-24..01-02');
    expect(freezeEndText(period, at('2026-12-28T12:00:00Z'), 'Europe/Berlin')).toBe(
      'the end of 2027-01-02 Europe/Berlin',
    );
    expect(freezeEndText(period, at('2027-01-01T12:00:00Z'), 'Europe/Berlin')).toBe(
      'the end of 2027-01-02 Europe/Berlin',
    );
  });
});

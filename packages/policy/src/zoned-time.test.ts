import { describe, expect, it } from 'vitest';
import { instantOf, isTimeZone, offsetAt, parseTimeZone, zonedParts } from './zoned-time.js';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('parseTimeZone', () => {
  it('accepts IANA names and refuses others, naming the input and the value', () => {
    expect(parseTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(parseTimeZone('UTC')).toBe('UTC');
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(() => parseTimeZone('Mars/Olympus', 'approval.timezone')).toThrow(
      /'approval.timezone' has an invalid value "Mars\/Olympus": expected an IANA time zone/,
    );
    expect(() => parseTimeZone(' Europe/Berlin')).toThrow(/Input 'timezone'/);
  });
});

describe('zonedParts and offsetAt', () => {
  it('reads the wall clock in Berlin on both sides of the spring change', () => {
    expect(offsetAt(at('2026-03-29T00:59:00Z'), 'Europe/Berlin')).toBe(HOUR);
    expect(offsetAt(at('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
    expect(zonedParts(at('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toMatchObject({ hour: 3, minute: 0, weekday: 0 });
  });

  it('shows the repeated hour twice in Berlin and New York', () => {
    expect(zonedParts(at('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toMatchObject({ day: 25, hour: 2, minute: 30 });
    expect(zonedParts(at('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toMatchObject({ day: 25, hour: 2, minute: 30 });
    expect(zonedParts(at('2026-11-01T05:30:00Z'), 'America/New_York')).toMatchObject({ day: 1, hour: 1, minute: 30 });
    expect(zonedParts(at('2026-11-01T06:30:00Z'), 'America/New_York')).toMatchObject({ day: 1, hour: 1, minute: 30 });
  });
});

describe('instantOf', () => {
  it('converts ordinary wall-clock times', () => {
    expect(instantOf({ year: 2026, month: 7, day: 1, hour: 9, minute: 0 }, 'Europe/Berlin')).toBe(
      at('2026-07-01T07:00:00Z'),
    );
    expect(instantOf({ year: 2026, month: 1, day: 15, hour: 9, minute: 0 }, 'America/New_York')).toBe(
      at('2026-01-15T14:00:00Z'),
    );
  });

  it('moves a time in the missing hour forward by the gap', () => {
    expect(instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin')).toBe(
      at('2026-03-29T01:30:00Z'),
    );
    expect(instantOf({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York')).toBe(
      at('2026-03-08T07:30:00Z'),
    );
  });

  it('takes the first occurrence of a time in the repeated hour', () => {
    expect(instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin')).toBe(
      at('2026-10-25T00:30:00Z'),
    );
    expect(instantOf({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York')).toBe(
      at('2026-11-01T05:30:00Z'),
    );
  });
});

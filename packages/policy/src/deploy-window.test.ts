import { describe, expect, it } from 'vitest';
import { inDeployWindow, parseDeployWindow, parseDeployWindows } from './deploy-window.js';
import { zonedParts } from './zoned-time.js';

const open = (window: string, iso: string, zone: string) =>
  inDeployWindow(parseDeployWindow(window), zonedParts(Date.parse(iso), zone));

describe('parseDeployWindow', () => {
  it('reads day ranges, lists, daily and times', () => {
    expect(parseDeployWindow('Mon-Fri 09:00-17:00')).toMatchObject({
      days: new Set([1, 2, 3, 4, 5]),
      start: 540,
      end: 1020,
    });
    expect(parseDeployWindow('sat,SUN 10:00-12:30')).toMatchObject({ days: new Set([6, 0]), start: 600, end: 750 });
    expect(parseDeployWindow('Fri-Mon 00:00-24:00').days).toEqual(new Set([5, 6, 0, 1]));
    expect(parseDeployWindow('daily 22:00-02:00')).toMatchObject({ start: 1320, end: 120 });
  });

  it('names the input and the value of a bad window', () => {
    for (const bad of [
      'Mon-Fri',
      'Mon-Fri 9:00-17:00',
      'Mon-Fry 09:00-17:00',
      'Mon 25:00-26:00',
      'Mon 09:00-09:00',
      'Mon 09:60-10:00',
    ]) {
      expect(() => parseDeployWindow(bad, 'windows')).toThrow(
        `Input 'windows' has an invalid value ${JSON.stringify(bad)}: expected days and a time range`,
      );
    }
  });

  it('splits several windows on lines and semicolons', () => {
    expect(parseDeployWindows('Mon-Fri 09:00-17:00\n Sat 10:00-12:00 ; \n').map((w) => w.text)).toEqual([
      'Mon-Fri 09:00-17:00',
      'Sat 10:00-12:00',
    ]);
    expect(parseDeployWindows('  ')).toEqual([]);
  });
});

describe('inDeployWindow', () => {
  it('opens a working-day window at 09:00 local time in Berlin, before and after the spring change', () => {
    expect(open('Mon-Fri 09:00-17:00', '2026-03-27T07:59:00Z', 'Europe/Berlin')).toBe(false);
    expect(open('Mon-Fri 09:00-17:00', '2026-03-27T08:00:00Z', 'Europe/Berlin')).toBe(true);
    expect(open('Mon-Fri 09:00-17:00', '2026-03-30T06:59:00Z', 'Europe/Berlin')).toBe(false);
    expect(open('Mon-Fri 09:00-17:00', '2026-03-30T07:00:00Z', 'Europe/Berlin')).toBe(true);
    expect(open('Mon-Fri 09:00-17:00', '2026-03-30T14:59:00Z', 'Europe/Berlin')).toBe(true);
    expect(open('Mon-Fri 09:00-17:00', '2026-03-30T15:00:00Z', 'Europe/Berlin')).toBe(false);
  });

  it('never opens a window inside the missing hour (Berlin and New York)', () => {
    expect(open('Sun 02:00-03:00', '2026-03-29T00:59:00Z', 'Europe/Berlin')).toBe(false);
    expect(open('Sun 02:00-03:00', '2026-03-29T01:00:00Z', 'Europe/Berlin')).toBe(false);
    expect(open('Sun 02:00-03:00', '2026-03-08T06:59:00Z', 'America/New_York')).toBe(false);
    expect(open('Sun 02:00-03:00', '2026-03-08T07:00:00Z', 'America/New_York')).toBe(false);
  });

  it('opens a window inside the repeated hour during both occurrences (Berlin and New York)', () => {
    expect(open('Sun 02:00-03:00', '2026-10-25T00:30:00Z', 'Europe/Berlin')).toBe(true);
    expect(open('Sun 02:00-03:00', '2026-10-25T01:30:00Z', 'Europe/Berlin')).toBe(true);
    expect(open('Sun 02:00-03:00', '2026-10-25T02:00:00Z', 'Europe/Berlin')).toBe(false);
    expect(open('Sun 01:00-02:00', '2026-11-01T05:30:00Z', 'America/New_York')).toBe(true);
    expect(open('Sun 01:00-02:00', '2026-11-01T06:30:00Z', 'America/New_York')).toBe(true);
    expect(open('Sun 01:00-02:00', '2026-11-01T07:00:00Z', 'America/New_York')).toBe(false);
  });

  it('opens New York working hours at 09:00 EST and 09:00 EDT', () => {
    expect(open('Mon-Fri 09:00-17:00', '2026-03-06T14:00:00Z', 'America/New_York')).toBe(true);
    expect(open('Mon-Fri 09:00-17:00', '2026-03-09T12:59:00Z', 'America/New_York')).toBe(false);
    expect(open('Mon-Fri 09:00-17:00', '2026-03-09T13:00:00Z', 'America/New_York')).toBe(true);
  });

  it('runs an overnight window into the next day, belonging to the day it starts', () => {
    expect(open('Fri 22:00-02:00', '2026-07-03T21:30:00Z', 'UTC')).toBe(false);
    expect(open('Fri 22:00-02:00', '2026-07-03T22:30:00Z', 'UTC')).toBe(true);
    expect(open('Fri 22:00-02:00', '2026-07-04T01:59:00Z', 'UTC')).toBe(true);
    expect(open('Fri 22:00-02:00', '2026-07-04T02:00:00Z', 'UTC')).toBe(false);
    expect(open('Fri 22:00-02:00', '2026-07-03T01:00:00Z', 'UTC')).toBe(false);
  });
});

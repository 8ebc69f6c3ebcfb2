import { InputError } from '@shipgate/core';
import type { ZonedParts } from './zoned-time.js';

/**
 * Deploy windows as users write them: `Mon-Fri 09:00-17:00`, `Sat,Sun 10:00-12:00`, `daily 22:00-02:00`. Times
 * are wall-clock times in the policy's time zone; a window whose end is not after its start runs past midnight
 * into the next day (and belongs to the day it starts on).
 */
export interface DeployWindow {
  /** The text as written, for messages. */
  text: string;
  /** Days the window starts on, 0 = Sunday ... 6 = Saturday. */
  days: ReadonlySet<number>;
  /** Minutes after midnight. */
  start: number;
  /** Minutes after midnight, 1-1440; at or before `start` means the next day. */
  end: number;
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Allowed forms, for error messages. */
export const WINDOW_FORMS =
  "days and a time range such as 'Mon-Fri 09:00-17:00', 'Sat,Sun 10:00-12:00' or 'daily 22:00-02:00' (24-hour times)";

/** Parses one window; `input` names the input or config key in errors. */
export function parseDeployWindow(text: string, input = 'windows'): DeployWindow {
  const match = /^\s*(\S+)\s+(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})\s*$/.exec(text);
  const days = match ? parseDays(match[1] as string) : undefined;
  const start = match ? minutes(match[2], match[3], false) : undefined;
  const end = match ? minutes(match[4], match[5], true) : undefined;
  if (!days || start === undefined || end === undefined || start === end)
    throw new InputError(input, text, WINDOW_FORMS);
  return { text: text.trim(), days, start, end };
}

/** Parses a list of windows, one per line or separated by `;`. An empty list allows any time. */
export function parseDeployWindows(text: string, input = 'windows'): DeployWindow[] {
  return text
    .split(/[\n;]/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => parseDeployWindow(line, input));
}

function minutes(hours: string | undefined, mins: string | undefined, isEnd: boolean): number | undefined {
  const h = Number(hours);
  const m = Number(mins);
  if (m > 59) return undefined;
  if (h === 24 && m === 0 && isEnd) return 1440;
  return h <= 23 ? h * 60 + m : undefined;
}

function parseDays(text: string): ReadonlySet<number> | undefined {
  const lower = text.toLowerCase();
  if (lower === 'daily' || lower === '*') return new Set([0, 1, 2, 3, 4, 5, 6]);
  const days = new Set<number>();
  for (const part of lower.split(',')) {
    const [from, to, extra] = part.split('-');
    const first = DAY_NAMES.indexOf(from ?? '');
    const last = to === undefined ? first : DAY_NAMES.indexOf(to);
    if (first < 0 || last < 0 || extra !== undefined) return undefined;
    // A range may wrap round the week: Fri-Mon is Friday, Saturday, Sunday, Monday.
    for (let day = first; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === last) break;
    }
  }
  return days;
}

/**
 * Whether a wall-clock time falls inside the window. Wall-clock semantics make daylight-saving changes come out
 * as people expect: on the spring-forward day a 09:00-17:00 window is open 8 hours as always, a window inside the
 * missing hour never opens, and one inside the repeated hour is open during both of its occurrences.
 */
export function inDeployWindow(window: DeployWindow, at: ZonedParts): boolean {
  const minute = at.hour * 60 + at.minute;
  if (window.end > window.start) return window.days.has(at.weekday) && minute >= window.start && minute < window.end;
  const yesterday = (at.weekday + 6) % 7;
  return (window.days.has(at.weekday) && minute >= window.start) || (window.days.has(yesterday) && minute < window.end);
}

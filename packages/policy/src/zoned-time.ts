import { InputError } from '@shipgate/core';

/**
 * Wall-clock time in an IANA time zone, through `Intl.DateTimeFormat` (the runtime's ICU time-zone database; no
 * offset tables of our own). Instants are Unix epoch milliseconds.
 */

/** A calendar date and time of day as a clock on the wall shows it. */
export interface LocalDateTime {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
  /** 0-23 */
  hour: number;
  /** 0-59 */
  minute: number;
}

/** A local date-time with its day of the week (0 = Sunday ... 6 = Saturday). */
export interface ZonedParts extends LocalDateTime {
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True when the runtime knows `timeZone` as an IANA zone name (`Europe/Berlin`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '' || timeZone !== timeZone.trim()) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Checks a time-zone name, naming the input or config key that gave it. */
export function parseTimeZone(text: string, input = 'timezone'): string {
  if (!isTimeZone(text)) throw new InputError(input, text, "an IANA time zone name such as 'Europe/Berlin' or 'UTC'");
  return text;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock date, time and weekday at `instant` in `timeZone`. */
export function zonedParts(instant: number, timeZone: string): ZonedParts & { second: number } {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
export function offsetAt(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall clock in `timeZone` shows `local`. Daylight-saving transitions are resolved the way
 * Temporal's `compatible` disambiguation does: a time in the repeated hour (autumn) is its first occurrence; a
 * time in the missing hour (spring) is moved forward by the length of the gap (02:30 in Berlin on the last
 * Sunday of March is 03:30 CEST).
 */
export function instantOf(local: LocalDateTime, timeZone: string): number {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const DAY = 86_400_000;
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => sameLocal(zonedParts(instant, timeZone), local))
    .sort((a, b) => a - b);
  // In a gap no candidate shows `local`: the offset in force before the gap moves the time past it.
  return candidates[0] ?? wall - before;
}

function sameLocal(a: LocalDateTime, b: LocalDateTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/** `2026-03-29 02:30` for messages. */
export function formatLocal(local: LocalDateTime): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${local.year}-${two(local.month)}-${two(local.day)} ${two(local.hour)}:${two(local.minute)}`;
}

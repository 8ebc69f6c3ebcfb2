import { InputError } from '@shipgate/core';
import { formatLocal, instantOf, zonedParts, type LocalDateTime } from './zoned-time.js';

/**
 * Freeze periods, when no deployment may start, optionally followed by a name:
 * - `2026-12-20..2027-01-04`: whole days, both included, in the policy's time zone;
 * - `2026-11-27T18:00..2026-11-30T08:00`: wall-clock date-times in the time zone (or with `Z` / `+01:00`), the
 *   end excluded;
 * - `12-24..01-02`: the same days every year, both included; a range whose end comes before its start spans New
 *   Year (24 December to 2 January).
 */
export type FreezePeriod =
  | { kind: 'dates'; text: string; name: string | undefined; start: number; end: number }
  | { kind: 'times'; text: string; name: string | undefined; start: Bound; end: Bound }
  | { kind: 'yearly'; text: string; name: string | undefined; start: number; end: number };

/** A date-time bound: wall-clock in the policy's zone, or an absolute instant when an offset was written. */
type Bound = { local: LocalDateTime } | { instant: number };

/** Allowed forms, for error messages. */
export const FREEZE_FORMS =
  "a range 'YYYY-MM-DD..YYYY-MM-DD', 'YYYY-MM-DDTHH:MM..YYYY-MM-DDTHH:MM' (optionally with Z or +HH:MM) or a yearly 'MM-DD..MM-DD', optionally followed by a name";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})?$/;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;

/** Parses one freeze period; `input` names the input or config key in errors. */
export function parseFreezePeriod(text: string, input = 'freeze'): FreezePeriod {
  const trimmed = text.trim();
  const [range = '', ...rest] = trimmed.split(/\s+/);
  const name = rest.length > 0 ? rest.join(' ') : undefined;
  const [from = '', to = '', extra] = range.split('..');
  const period = extra === undefined ? parseRange(from, to, trimmed, name) : undefined;
  if (!period) throw new InputError(input, text, FREEZE_FORMS);
  return period;
}

/** Parses a list of freeze periods, one per line or separated by `;`. */
export function parseFreezePeriods(text: string, input = 'freeze'): FreezePeriod[] {
  return text
    .split(/[\n;]/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => parseFreezePeriod(line, input));
}

function parseRange(from: string, to: string, text: string, name: string | undefined): FreezePeriod | undefined {
  const dates = [dateKey(from), dateKey(to)];
  if (dates[0] !== undefined && dates[1] !== undefined)
    return dates[0] <= dates[1] ? { kind: 'dates', text, name, start: dates[0], end: dates[1] } : undefined;
  const yearly = [monthDay(from), monthDay(to)];
  if (yearly[0] !== undefined && yearly[1] !== undefined)
    return { kind: 'yearly', text, name, start: yearly[0], end: yearly[1] };
  const start = bound(from);
  const end = bound(to);
  if (!start || !end) return undefined;
  return { kind: 'times', text, name, start, end };
}

/** `20261224` for 2026-12-24, or undefined when the text is not a real date. */
function dateKey(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return realDate(year, month, day) ? year * 10_000 + month * 100 + day : undefined;
}

/** `1224` for 12-24 (02-29 is allowed: it exists in leap years). */
function monthDay(text: string): number | undefined {
  const m = MONTH_DAY.exec(text);
  if (!m) return undefined;
  const [month, day] = [Number(m[1]), Number(m[2])];
  return realDate(2024, month, day) ? month * 100 + day : undefined;
}

function bound(text: string): Bound | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i])) as number[];
  if (!realDate(year!, month!, day!) || hour! > 23 || minute! > 59) return undefined;
  const local = { year: year!, month: month!, day: day!, hour: hour!, minute: minute! };
  const zone = m[6];
  if (zone === undefined) return { local };
  const sign = zone.startsWith('-') ? -1 : 1;
  const offset = zone === 'Z' ? 0 : sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  return { instant: Date.UTC(year!, month! - 1, day!, hour!, minute!) - offset };
}

function realDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function instantOfBound(b: Bound, timeZone: string): number {
  return 'instant' in b ? b.instant : instantOf(b.local, timeZone);
}

/** Whether `instant` falls inside the freeze, reading dates and wall-clock times in `timeZone`. */
export function inFreezePeriod(period: FreezePeriod, instant: number, timeZone: string): boolean {
  switch (period.kind) {
    case 'times':
      return instantOfBound(period.start, timeZone) <= instant && instant < instantOfBound(period.end, timeZone);
    case 'dates': {
      const p = zonedParts(instant, timeZone);
      const key = p.year * 10_000 + p.month * 100 + p.day;
      return period.start <= key && key <= period.end;
    }
    case 'yearly': {
      const p = zonedParts(instant, timeZone);
      const key = p.month * 100 + p.day;
      return period.start <= period.end
        ? period.start <= key && key <= period.end
        : key >= period.start || key <= period.end;
    }
    default:
      throw new Error(`Unknown freeze kind ${(period as { kind: string }).kind}: expected dates, times or yearly.`);
  }
}

/** When the freeze ends, as text for messages (`2027-01-03 00:00 Europe/Berlin`). */
export function freezeEndText(period: FreezePeriod, instant: number, timeZone: string): string {
  switch (period.kind) {
    case 'times':
      return 'instant' in period.end
        ? new Date(period.end.instant).toISOString()
        : `${formatLocal(period.end.local)} ${timeZone}`;
    case 'dates':
      return `the end of ${keyText(period.end)} ${timeZone}`;
    case 'yearly': {
      const p = zonedParts(instant, timeZone);
      const year = period.start > period.end && p.month * 100 + p.day >= period.start ? p.year + 1 : p.year;
      return `the end of ${keyText(year * 10_000 + period.end)} ${timeZone}`;
    }
    default:
      throw new Error(`Unknown freeze kind ${(period as { kind: string }).kind}: expected dates, times or yearly.`);
  }
}

function keyText(key: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(key / 10_000)}-${two(Math.floor(key / 100) % 100)}-${two(key % 100)}`;
}

/**
 * Reading git's output for pull-request mode: which files a diff touches (`--numstat -z`) and which lines of the
 * new version it adds (`-U0` hunk headers). Pure functions of text.
 */

/** A file the diff changes. */
export interface ChangedFile {
  /** Path in the new version, relative to the repository's top level. */
  path: string;
  /** Path in the old version when the file was renamed or copied. */
  from?: string;
  /** Lines added, as git counted them. */
  added: number;
}

/**
 * Parses `git diff --numstat -z`: `added\tdeleted\tpath\0`, or for a rename `added\tdeleted\t\0old\0new\0`.
 * Binary files (`-\t-`) and files with no added line are left out: there is nothing new to scan.
 */
export function parseNumstat(text: string): ChangedFile[] {
  const fields = text.split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!.replace(/^\n/, '');
    if (field === '') continue;
    const m = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(field);
    if (!m) throw new Error(`Unexpected git diff --numstat output near ${JSON.stringify(field.slice(0, 80))}`);
    let path = m[3]!;
    let from: string | undefined;
    if (path === '') {
      from = fields[++i] ?? '';
      path = fields[++i] ?? '';
    }
    if (m[1] === '-' || m[1] === '0') continue;
    files.push({ path, ...(from !== undefined ? { from } : {}), added: Number(m[1]) });
  }
  return files;
}

/** Line ranges, 1-based and inclusive, in ascending order. */
export type LineRanges = readonly (readonly [number, number])[];

/** The lines of the new version that a `-U0` diff of one file adds, from its hunk headers. */
export function parseAddedLines(diff: string): LineRanges {
  const ranges: [number, number][] = [];
  for (const m of diff.matchAll(/^@@+ (?:-\d+(?:,\d+)? )+\+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    if (count > 0) ranges.push([start, start + count - 1]);
  }
  return ranges;
}

/** How many lines the ranges hold. */
export function countLines(ranges: LineRanges): number {
  return ranges.reduce((sum, [from, to]) => sum + to - from + 1, 0);
}

/** Whether any line from `from` to `to` (inclusive) is in the ranges. */
export function overlapsRanges(ranges: LineRanges, from: number, to: number): boolean {
  return ranges.some(([start, end]) => start <= to && from <= end);
}

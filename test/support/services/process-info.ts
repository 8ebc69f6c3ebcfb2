import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Reads `/proc/<pid>/stat` and returns its state letter and parent pid, or `undefined` if the process is gone. */
function readStat(pid: number): { state: string; ppid: number; pgrp: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: parse after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '?', ppid: Number(fields[1]), pgrp: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/**
 * True while the process exists and is not a zombie. A zombie counts as gone: it runs nothing, and whether
 * it is reaped depends on the container's init, not on the fixture.
 */
export function isProcessAlive(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

/** The live child processes of `pid` (e.g. an nginx master's workers), in ascending order. */
export function childPids(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  let pids: number[];
  if (existsSync(file)) {
    pids = readFileSync(file, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } else {
    // Kernels without CONFIG_PROC_CHILDREN: scan every process for its parent.
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .filter((p) => readStat(p)?.ppid === pid);
  }
  return pids.filter(isProcessAlive).sort((a, b) => a - b);
}

/** The live processes of process group `pgid` (a detached child and everything it started without `setsid`). */
export function groupPids(pgid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => readStat(pid)?.pgrp === pgid && isProcessAlive(pid));
}

/**
 * The live processes whose command line or environment contains `text` (a job's RUNNER_TEMP: every process a
 * step starts inherits it, and an SSH master names its control socket under it), with their command lines.
 * Processes that cannot be read (another user's) are skipped.
 */
export function processesMentioning(text: string): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      const environ = readFileSync(`/proc/${name}/environ`, 'utf8');
      if ((command.includes(text) || environ.includes(text)) && isProcessAlive(Number(name)))
        found.push({ pid: Number(name), command });
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Socket } from 'node:net';

/**
 * Last-resort cleanup of what the fixtures started, for when `stop()` never runs.
 *
 * Two layers: a `process.on('exit')` hook (test file finished, worker exited normally) and a small reaper
 * process that holds a pipe from this process. When this process dies in any way, SIGKILL and OOM included,
 * the pipe closes and the reaper kills the registered process groups and removes the registered directories.
 * Node has no PR_SET_PDEATHSIG, so the pipe is the portable "parent died" signal.
 */

/**
 * The reaper's source, run with `node -e`. Protocol: one command per line on stdin, `+pid N`, `-pid N`,
 * `+dir PATH`, `-dir PATH`. On end of input it SIGKILLs every registered process group and removes every
 * registered directory, then exits.
 */
export const REAPER_SCRIPT = `
const { rmSync } = require('node:fs');
const groups = new Set();
const dirs = new Set();
let buffer = '';
const apply = (line) => {
  const m = /^([+-])(pid|dir) (.+)$/.exec(line);
  if (!m) return;
  const set = m[2] === 'pid' ? groups : dirs;
  if (m[1] === '+') set.add(m[3]); else set.delete(m[3]);
};
const reap = () => {
  for (const pid of groups) { try { process.kill(-Number(pid), 'SIGKILL'); } catch {} }
  for (const dir of dirs) { try { rmSync(dir, { recursive: true, force: true }); } catch {} }
  process.exit(0);
};
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});
process.on('SIGTERM', reap);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let i;
  while ((i = buffer.indexOf('\\n')) >= 0) { apply(buffer.slice(0, i)); buffer = buffer.slice(i + 1); }
});
process.stdin.on('end', reap);
process.stdin.on('error', reap);
`;

const groups = new Set<number>();
const dirs = new Set<string>();
let reaper: ChildProcess | undefined;
let hooked = false;

function send(line: string): void {
  ensureStarted();
  reaper?.stdin?.write(`${line}\n`);
}

function ensureStarted(): void {
  if (!hooked) {
    hooked = true;
    process.on('exit', reapNow);
  }
  if (reaper && reaper.exitCode === null && reaper.signalCode === null) return;
  // Detached: a Ctrl-C aimed at the test run's process group must not kill the reaper before it reaps.
  reaper = spawn(process.execPath, ['-e', REAPER_SCRIPT], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  reaper.on('error', () => undefined);
  reaper.stdin?.on('error', () => undefined);
  reaper.unref();
  (reaper.stdin as Socket | null)?.unref();
  for (const pid of groups) reaper.stdin?.write(`+pid ${pid}\n`);
  for (const dir of dirs) reaper.stdin?.write(`+dir ${dir}\n`);
}

/** Synchronous cleanup for the `exit` hook: kill every registered group, remove every registered directory. */
function reapNow(): void {
  for (const pid of groups) killGroup(pid, 'SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

/** Sends `signal` to process group `pgid`; returns false when the group no longer exists. */
export function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Registers a process group (a child spawned with `detached: true`) to be killed if this process dies. */
export function trackProcessGroup(pgid: number): void {
  groups.add(pgid);
  send(`+pid ${pgid}`);
}

/** Forgets a process group once it has been stopped. */
export function untrackProcessGroup(pgid: number): void {
  if (groups.delete(pgid)) send(`-pid ${pgid}`);
}

/** Registers a directory to be removed if this process dies. */
export function trackDirectory(path: string): void {
  dirs.add(path);
  send(`+dir ${path}`);
}

/** Forgets a directory once it has been removed. */
export function untrackDirectory(path: string): void {
  if (dirs.delete(path)) send(`-dir ${path}`);
}

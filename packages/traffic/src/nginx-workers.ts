/**
 * `nginx -s reload` only sends a signal: the master then re-reads its files and, if they load, starts new
 * workers and tells the old ones to finish. This watches the master's workers through the shell, so a
 * provider can return once the change serves every new connection, and notice a master that refused it.
 */
import type { Clock } from '@shipgate/core';
import type { Shell } from '@shipgate/exec';

/** The nginx master and its current workers. */
export interface Workers {
  master: number;
  pids: number[];
}

function parsePids(text: string): number[] {
  return text
    .split(/\s+/)
    .filter((t) => /^\d+$/.test(t))
    .map(Number)
    .sort((a, b) => a - b);
}

/** Exit code of {@link WORKERS_SCRIPT} when there is no usable pid file, or no way to list children. */
const CANNOT_TELL = 44;

// One round trip per look (it matters over SSH): the master pid on the first line, its children after it,
// from /proc (Linux) or pgrep. The pid file is "$1", never part of the script.
const WORKERS_SCRIPT = [
  `pid=$(cat -- "$1" 2>/dev/null) || exit ${CANNOT_TELL}`,
  `case $pid in ''|*[!0-9]*) exit ${CANNOT_TELL};; esac`,
  'echo "$pid"',
  'if [ -r "/proc/$pid/task/$pid/children" ]; then cat "/proc/$pid/task/$pid/children"',
  'elif command -v pgrep >/dev/null 2>&1; then pgrep -P "$pid"; [ $? -le 1 ]',
  `else exit ${CANNOT_TELL}; fi`,
].join('\n');

/**
 * The master's workers, or `undefined` when there is no pid file (nginx not running) or no way to list a
 * process's children (no /proc and no pgrep), in which case the caller cannot confirm a reload.
 */
export async function readWorkers(shell: Shell, pidFile: string): Promise<Workers | undefined> {
  const result = await shell.run(['sh', '-c', WORKERS_SCRIPT, 'shipgate-workers', pidFile]);
  if (result.code !== 0) return undefined;
  const [master = '', ...children] = result.stdout.split('\n');
  return /^\d+$/.test(master.trim()) ? { master: Number(master), pids: parsePids(children.join(' ')) } : undefined;
}

/** How {@link waitForNewWorkers} ended. */
export type ReloadOutcome =
  /** New workers serve; the old ones have exited, or are still finishing requests after `drainMs`. */
  | { applied: true; oldStillDraining: number }
  /** No new workers appeared before the deadline: the master kept its old configuration. */
  | { applied: false };

/**
 * Polls until workers not in `before` exist and every worker of `before` has exited (old workers finish their
 * in-flight requests first; after `drainMs` the change counts as applied anyway, since every new connection
 * goes to the new workers already).
 */
export async function waitForNewWorkers(
  shell: Shell,
  pidFile: string,
  before: Workers,
  limits: { timeoutMs: number; drainMs: number; intervalMs: number },
  clock: Clock,
): Promise<ReloadOutcome> {
  const deadline = clock.now() + limits.timeoutMs;
  let drainingSince: number | undefined;
  for (;;) {
    const now = await readWorkers(shell, pidFile);
    // A different master (nginx restarted meanwhile) read the files from disk when it started.
    if (now && now.master !== before.master && now.pids.length > 0) return { applied: true, oldStillDraining: 0 };
    const pids = now?.pids ?? [];
    const fresh = pids.filter((pid) => !before.pids.includes(pid));
    const old = pids.filter((pid) => before.pids.includes(pid));
    if (fresh.length > 0) {
      if (old.length === 0) return { applied: true, oldStillDraining: 0 };
      drainingSince ??= clock.now();
      if (clock.now() - drainingSince >= limits.drainMs) return { applied: true, oldStillDraining: old.length };
    } else if (clock.now() >= deadline) {
      return { applied: false };
    }
    await clock.sleep(limits.intervalMs);
  }
}

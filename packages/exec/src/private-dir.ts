/**
 * Private temp directories for secrets on disk (the ssh key): mode 0700, removed by `remove()` or, if the
 * process ends first, by an exit hook, so a key does not outlive the run on a self-hosted runner.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Live directories, each with what must happen synchronously before it goes at exit (ending an SSH master). */
const live = new Map<string, (() => void) | undefined>();
let hooked = false;

function removeAll(): void {
  for (const [path, beforeRemoval] of live) {
    try {
      beforeRemoval?.();
    } finally {
      rmSync(path, { recursive: true, force: true });
    }
  }
  live.clear();
}

/** A directory only this user can enter. */
export interface PrivateDir {
  readonly path: string;
  join(name: string): string;
  /**
   * Sets what runs, synchronously, just before the exit hook removes the directory: ending what lives in it (an SSH
   * control socket) while it can still be reached.
   */
  atExit(beforeRemoval: () => void): void;
  /** Removes the directory and its files. Idempotent. */
  remove(): void;
}

/** Creates `<parent>/shipgate-<label>-XXXXXX` with mode 0700 (mkdtemp's mode). `parent` defaults to the system temp dir. */
export function createPrivateDir(label: string, parent: string = tmpdir()): PrivateDir {
  const path = mkdtempSync(join(parent, `shipgate-${label}-`));
  live.set(path, undefined);
  if (!hooked) {
    hooked = true;
    process.once('exit', removeAll);
  }
  return {
    path,
    join: (name) => join(path, name),
    atExit(beforeRemoval) {
      if (live.has(path)) live.set(path, beforeRemoval);
    },
    remove() {
      rmSync(path, { recursive: true, force: true });
      live.delete(path);
    },
  };
}

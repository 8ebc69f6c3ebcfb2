/**
 * Private temp directories for secrets on disk (the ssh key): mode 0700, removed by `remove()` or, if the
 * process ends first, by an exit hook, so a key does not outlive the run on a self-hosted runner.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<string>();
let hooked = false;

function removeAll(): void {
  for (const path of live) rmSync(path, { recursive: true, force: true });
  live.clear();
}

/** A directory only this user can enter. */
export interface PrivateDir {
  readonly path: string;
  join(name: string): string;
  /** Removes the directory and its files. Idempotent. */
  remove(): void;
}

/** Creates `<parent>/shipgate-<label>-XXXXXX` with mode 0700 (mkdtemp's mode). `parent` defaults to the system temp dir. */
export function createPrivateDir(label: string, parent: string = tmpdir()): PrivateDir {
  const path = mkdtempSync(join(parent, `shipgate-${label}-`));
  live.add(path);
  if (!hooked) {
    hooked = true;
    process.once('exit', removeAll);
  }
  return {
    path,
    join: (name) => join(path, name),
    remove() {
      rmSync(path, { recursive: true, force: true });
      live.delete(path);
    },
  };
}

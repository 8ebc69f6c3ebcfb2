import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackDirectory, untrackDirectory } from './reaper.js';

/** A private directory under the system temp dir, removed by `remove()` or, failing that, by the reaper. */
export interface TempDir {
  /** Absolute path. */
  readonly path: string;
  /** Joins segments onto the directory. */
  join(...segments: string[]): string;
  /** Removes the directory and everything in it. Idempotent. */
  remove(): void;
}

/**
 * Creates a fresh temp directory named `shipgate-<label>-XXXXXX`. Every fixture gets its own, so two vitest
 * workers never share files.
 */
export function createTempDir(label: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), `shipgate-${label}-`));
  trackDirectory(path);
  return {
    path,
    join: (...segments) => join(path, ...segments),
    remove() {
      rmSync(path, { recursive: true, force: true });
      untrackDirectory(path);
    },
  };
}

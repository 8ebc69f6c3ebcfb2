import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Node 24 from the npm registry's `node@24` package: the runtime that `runs.using: node24` gives actions. */
export const node24 = join(repoRoot, 'node_modules', 'node', 'bin', 'node');

/** Fails with the exact command to run when the Node 24 binary is missing. */
export function requireNode24(): string {
  if (!existsSync(node24)) {
    throw new Error(`Node 24 is missing at ${node24}. Run: npm ci`);
  }
  return node24;
}

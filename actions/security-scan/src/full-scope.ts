/**
 * Full mode's scope: every regular file under the scanned directory. Vendored and generated folders are not
 * entered (unless asked), symbolic links are not followed (they could point outside the workspace).
 */
import { lstatSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Finding } from '@shipgate/findings';
import type { ScanScope, ScopeFile } from './scanner.js';

/** Folders full mode does not enter by default: dependencies, virtualenvs, VCS metadata. */
export const VENDORED_DIRS = new Set([
  '.git',
  'node_modules',
  'vendor',
  'bower_components',
  '.venv',
  'venv',
  'site-packages',
  'third_party',
  '.pnpm-store',
  '.terraform',
]);

/** Walks `root`; paths in the scope are relative to `workspace` with forward slashes. */
export function fullScope(root: string, workspace: string, options: { skipVendored: boolean }): ScanScope {
  const files: ScopeFile[] = [];
  const absolute = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === '.git' || (options.skipVendored && VENDORED_DIRS.has(entry.name))) continue;
        walk(path);
      } else if (entry.isFile()) {
        const shown = relative(workspace, path).split(sep).join('/');
        absolute.set(shown, path);
        files.push({ path: shown, size: lstatSync(path).size });
      }
    }
  };
  walk(root);
  return {
    mode: 'full',
    files,
    read: async (path) => {
      const file = absolute.get(path);
      return file === undefined ? undefined : readFile(file, 'utf8');
    },
    covers: (_finding: Finding) => true,
  };
}

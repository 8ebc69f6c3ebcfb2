/**
 * Composer's `composer.lock`: `packages` and `packages-dev`, each a list of `{name, version}`. Versions may carry
 * a leading `v` (`v6.2.10`), which OSV's Packagist records do not; branch aliases (`dev-main`) are not releases.
 */
import type { LockedPackage, ParsedLockfile } from '../package-ref.js';
import { JsonPositions } from './json-positions.js';
import { parseJsonLockfile } from './parse-json.js';

/** Parses `composer.lock`. */
export function parseComposerLock(text: string, file: string): ParsedLockfile {
  const data = parseJsonLockfile(text, file);
  const positions = new JsonPositions(text, 3);
  const packages: LockedPackage[] = [];
  const skipped: string[] = [];
  for (const section of ['packages', 'packages-dev']) {
    const list = data[section];
    if (!Array.isArray(list)) continue;
    list.forEach((entry: { name?: unknown; version?: unknown }, i) => {
      if (typeof entry?.name !== 'string' || typeof entry.version !== 'string') return;
      const line = positions.lineOf([section, i, 'name']) ?? positions.lineOf([section, i]) ?? 1;
      const version = entry.version.replace(/^v(?=\d)/, '');
      if (!/^\d/.test(version))
        skipped.push(`${file}:${line}: ${entry.name} ${entry.version} is a branch, not a release`);
      else packages.push({ ecosystem: 'Packagist', name: entry.name, version, file, line });
    });
  }
  return { packages, skipped };
}

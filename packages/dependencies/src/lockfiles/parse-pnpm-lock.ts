/**
 * `pnpm-lock.yaml`: the keys of the top-level `packages:` mapping name every installed package. Version 5 writes
 * `/name/1.2.3:`, version 6 `/name@1.2.3:` and version 9 `name@1.2.3:` (quoted when scoped); a peer suffix such
 * as `(react@18.2.0)` follows. Keys that resolve elsewhere (tarball URLs, `file:`, git) are skipped and listed.
 * Read line by line: the file is machine-written, and the line is what findings need.
 */
import type { LockedPackage, ParsedLockfile } from '../package-ref.js';

/** Parses `pnpm-lock.yaml` (lockfile versions 5.x, 6.x and 9.x). */
export function parsePnpmLock(text: string, file: string): ParsedLockfile {
  const packages: LockedPackage[] = [];
  const skipped: string[] = [];
  const lines = text.split('\n');
  let inPackages = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).replace(/\r$/, '');
    if (/^\S/.test(raw)) {
      inPackages = raw === 'packages:';
      continue;
    }
    const key = inPackages ? /^ {2}(\S.*):$/.exec(raw)?.[1] : undefined;
    if (key === undefined) continue;
    const parsed = parseKey(key.replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1'));
    if (parsed) packages.push({ ecosystem: 'npm', ...parsed, file, line: i + 1 });
    else skipped.push(`${file}:${i + 1}: ${key} is not a registry package`);
  }
  return { packages, skipped };
}

function parseKey(key: string): { name: string; version: string } | undefined {
  const bare = key.replace(/^\//, '').replace(/\(.*$/, '').replace(/_.*$/, '');
  // v6 and v9: name@version; the name may be scoped (@scope/name@version).
  const at = bare.indexOf('@', 1);
  if (at !== -1) {
    const version = bare.slice(at + 1);
    return isRegistryVersion(version) ? { name: bare.slice(0, at), version } : undefined;
  }
  // v5: /name/version or /@scope/name/version.
  const slash = bare.lastIndexOf('/');
  const version = bare.slice(slash + 1);
  return slash > 0 && isRegistryVersion(version) ? { name: bare.slice(0, slash), version } : undefined;
}

function isRegistryVersion(version: string): boolean {
  return /^\d+\.\d+\.\d+[\w.+-]*$/.test(version);
}

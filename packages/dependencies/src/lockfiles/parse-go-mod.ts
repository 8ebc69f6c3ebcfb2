/**
 * Go modules. `go.mod` lists the selected version of every module the build needs (since Go 1.17, indirect ones
 * too); `replace` directives swap a module for another version or a local folder. `go.sum` lists every version
 * whose code or go.mod was downloaded, so it is read only where no go.mod sits beside it, keeping the highest
 * version of each module whose code (not only its go.mod) is listed. OSV's Go versions have no leading `v`.
 * https://go.dev/ref/mod#go-mod-file
 */
import type { LockedPackage, ParsedLockfile } from '../package-ref.js';
import { compareVersions } from '../version-order.js';

/** Parses `go.mod`. */
export function parseGoMod(text: string, file: string): ParsedLockfile {
  const required = new Map<string, { version: string; line: number }>();
  const replaced = new Map<string, { name: string; version: string } | 'local'>();
  const skipped: string[] = [];
  let block: string | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).replace(/\/\/.*$/, '').trim();
    if (raw === ')') {
      block = undefined;
      continue;
    }
    const opening = /^(require|replace|exclude|retract|tool)\s*\($/.exec(raw);
    if (opening) {
      block = opening[1];
      continue;
    }
    const single = /^(require|replace)\s+(.+)$/.exec(raw);
    const [directive, body] = single ? [single[1], single[2] as string] : [block, raw];
    if (directive === 'require') {
      const [name, version] = body.split(/\s+/);
      if (name && version) required.set(name, { version, line: i + 1 });
    } else if (directive === 'replace') {
      const to = /^(\S+)(?:\s+\S+)?\s+=>\s+(\S+)(?:\s+(\S+))?$/.exec(body);
      if (to) replaced.set(to[1] as string, to[3] ? { name: to[2] as string, version: to[3] } : 'local');
    }
  }
  const packages: LockedPackage[] = [];
  for (const [name, { version, line }] of required) {
    const replacement = replaced.get(name);
    if (replacement === 'local') skipped.push(`${file}:${line}: ${name} is replaced by a local folder`);
    else
      packages.push({
        ecosystem: 'Go',
        name: replacement?.name ?? name,
        version: goVersion(replacement?.version ?? version),
        file,
        line,
      });
  }
  return { packages, skipped };
}

/** Parses `go.sum` (used where there is no go.mod). */
export function parseGoSum(text: string, file: string): ParsedLockfile {
  const highest = new Map<string, { version: string; line: number }>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const [name, rawVersion] = (lines[i] as string).trim().split(/\s+/);
    if (!name || !rawVersion || rawVersion.endsWith('/go.mod')) continue;
    const version = goVersion(rawVersion);
    const seen = highest.get(name);
    if (!seen || compareVersions('Go', version, seen.version) > 0) highest.set(name, { version, line: i + 1 });
  }
  const packages = [...highest].map(([name, { version, line }]): LockedPackage => ({
    ecosystem: 'Go',
    name,
    version,
    file,
    line,
  }));
  return { packages, skipped: [] };
}

/** `v1.2.3+incompatible` → `1.2.3`. */
function goVersion(version: string): string {
  return version.replace(/^v/, '').replace(/\+incompatible$/, '');
}

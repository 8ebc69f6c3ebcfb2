/**
 * npm's `package-lock.json` and `npm-shrinkwrap.json`: version 1 (a nested `dependencies` tree), version 2 (both
 * shapes; `packages` wins) and version 3 (`packages` only, keyed by install path).
 * https://docs.npmjs.com/cli/configuring-npm/package-lock-json
 */
import type { LockedPackage, ParsedLockfile } from '../package-ref.js';
import { JsonPositions } from './json-positions.js';
import { parseJsonLockfile } from './parse-json.js';

interface V1Entry {
  version?: string;
  dependencies?: Record<string, V1Entry>;
}

interface V3Entry {
  name?: string;
  version?: string;
  link?: boolean;
}

/** Parses an npm lockfile; `file` is the path findings point at. */
export function parseNpmLock(text: string, file: string): ParsedLockfile {
  const data = parseJsonLockfile(text, file) as { packages?: Record<string, V3Entry>; dependencies?: unknown };
  const positions = new JsonPositions(text, data.packages ? 2 : 64);
  const packages: LockedPackage[] = [];
  const skipped: string[] = [];
  const add = (name: string, version: string, path: string[]) => {
    if (!/^\d/.test(version)) {
      skipped.push(`${file}:${positions.lineOf(path) ?? 1}: ${name} is installed from '${version}', not a registry`);
      return;
    }
    packages.push({ ecosystem: 'npm', name, version, file, line: positions.lineOf(path) ?? 1 });
  };
  if (data.packages) {
    for (const [key, entry] of Object.entries(data.packages)) {
      const at = key.lastIndexOf('node_modules/');
      // "" is the project itself and keys without node_modules/ are workspace folders: not installed packages.
      if (at === -1 || entry.link || entry.version === undefined) continue;
      add(entry.name ?? key.slice(at + 'node_modules/'.length), entry.version, ['packages', key]);
    }
    return { packages, skipped };
  }
  const walk = (deps: Record<string, V1Entry>, path: string[]) => {
    for (const [name, entry] of Object.entries(deps)) {
      const here = [...path, name];
      // v1 records an alias as "npm:real-name@1.2.3".
      const alias = /^npm:((?:@[^/]+\/)?[^@]+)@(.+)$/.exec(entry.version ?? '');
      if (alias) add(alias[1] as string, alias[2] as string, here);
      else if (entry.version !== undefined) add(name, entry.version, here);
      if (entry.dependencies) walk(entry.dependencies, [...here, 'dependencies']);
    }
  };
  if (isRecord(data.dependencies)) walk(data.dependencies as Record<string, V1Entry>, ['dependencies']);
  return { packages, skipped };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

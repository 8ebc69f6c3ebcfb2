/**
 * Whether a Node.js lockfile matches its package.json, as the frozen installs check it: `npm ci` compares the
 * lock's record of each package.json (names and ranges); `pnpm install --frozen-lockfile` compares its importers'
 * specifiers; `yarn install --frozen-lockfile` needs an entry for every `name@range`. A light check of the ranges
 * as written, not a resolution: a lock that passes here can still hold vulnerable versions.
 */
import { parse as parseYaml } from 'yaml';

export const DEPENDENCY_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

/** A package.json's declared dependencies: name → range, by section. */
export type Declared = Map<string, { section: string; range: string }>;

export function declaredDependencies(manifest: Record<string, unknown>): Declared {
  const declared: Declared = new Map();
  for (const section of DEPENDENCY_SECTIONS) {
    const entries = manifest[section];
    if (!isRecord(entries)) continue;
    for (const [name, range] of Object.entries(entries))
      if (typeof range === 'string') declared.set(name, { section, range });
  }
  return declared;
}

/** One difference between a package.json and its lockfile. */
export interface Drift {
  name: string;
  section: string;
  /** What package.json says, `undefined` when only the lock has it. */
  declared: string | undefined;
  /** What the lock says, `undefined` when it lacks the package. */
  locked: string | undefined;
}

/** The drift of a package-lock.json (v1 to v3) for the package at `relative` (`''` for the lock's own). */
export function npmLockDrift(declared: Declared, lockText: string, relative: string): Drift[] | 'not-in-lock' {
  const lock = JSON.parse(lockText) as Record<string, unknown>;
  const packages = lock.packages;
  if (isRecord(packages)) {
    const entry = packages[relative];
    if (!isRecord(entry)) return 'not-in-lock';
    const locked: Declared = declaredDependencies(entry);
    return compare(declared, locked);
  }
  // lockfileVersion 1: only the names are recorded at the top.
  const deps = isRecord(lock.dependencies) ? lock.dependencies : {};
  if (relative !== '') return [];
  return [...declared]
    .filter(([name]) => !(name in deps))
    .map(([name, { section, range }]) => ({ name, section, declared: range, locked: undefined }));
}

/** The drift of a pnpm-lock.yaml for the importer at `relative` (`.` for the root). */
export function pnpmLockDrift(declared: Declared, lockText: string, relative: string): Drift[] | 'not-in-lock' {
  const lock = parseYaml(lockText) as Record<string, unknown> | null;
  if (!isRecord(lock)) return 'not-in-lock';
  const importers = isRecord(lock.importers) ? lock.importers : undefined;
  const importer = importers ? importers[relative || '.'] : lock;
  if (!isRecord(importer)) return 'not-in-lock';
  const locked: Declared = new Map();
  // v5: `specifiers: {name: range}`; v6 and later: `dependencies: {name: {specifier, version}}`.
  const specifiers = isRecord(importer.specifiers) ? importer.specifiers : undefined;
  for (const section of DEPENDENCY_SECTIONS) {
    const entries = importer[section];
    if (!isRecord(entries)) continue;
    for (const [name, value] of Object.entries(entries)) {
      const range = isRecord(value) ? value.specifier : specifiers?.[name];
      if (typeof range === 'string') locked.set(name, { section, range });
    }
  }
  return compare(declared, locked);
}

/**
 * The declared `name@range` pairs a yarn.lock (v1 or berry) has no entry for. A package package.json's
 * `resolutions` pins (`name` or `**\/name`) is locked under the resolution's range: any entry for it will do.
 */
export function yarnLockDrift(
  declared: Declared,
  lockText: string,
  resolutions: Readonly<Record<string, unknown>> = {},
): Drift[] {
  const keys = new Set<string>();
  for (const line of lockText.split(/\r?\n/)) {
    if (/^\s|^#|^$/.test(line) || !line.trimEnd().endsWith(':')) continue;
    for (const key of line.trimEnd().slice(0, -1).split(/,\s*/)) keys.add(key.replace(/^"|"$/g, ''));
  }
  const drift: Drift[] = [];
  for (const [name, { section, range }] of declared) {
    const forms = [`${name}@${range}`, `${name}@npm:${range}`];
    if (range.startsWith('workspace:') || range.startsWith('file:') || range.startsWith('link:')) continue;
    if (forms.some((form) => keys.has(form))) continue;
    const resolved = Object.keys(resolutions).some((pattern) => pattern.replace(/^(?:\*\*\/)+/, '') === name);
    if (resolved && [...keys].some((key) => key.startsWith(`${name}@`))) continue;
    drift.push({ name, section, declared: range, locked: undefined });
  }
  return drift;
}

function compare(declared: Declared, locked: Declared): Drift[] {
  const drift: Drift[] = [];
  for (const [name, { section, range }] of declared) {
    const lockedRange = locked.get(name)?.range;
    if (lockedRange !== range) drift.push({ name, section, declared: range, locked: lockedRange });
  }
  for (const [name, { section, range }] of locked)
    if (!declared.has(name)) drift.push({ name, section, declared: undefined, locked: range });
  return drift;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

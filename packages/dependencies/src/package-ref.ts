/**
 * A package pinned by a lockfile, named the way OSV names it: the ecosystem strings are OSV's own
 * (https://ossf.github.io/osv-schema/#affectedpackage-field), so a query needs no translation.
 */

/** The ecosystems the lockfile parsers produce, spelled as OSV spells them. */
export const ECOSYSTEMS = ['npm', 'PyPI', 'crates.io', 'Go', 'RubyGems', 'Packagist'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

/** One package version at one place in one lockfile. */
export interface LockedPackage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  /** Repository-relative path of the lockfile, forward slashes. */
  file: string;
  /** 1-based line of the package's entry in the lockfile. */
  line: number;
}

/** What a lockfile parser returns: the packages, and entries it could not use (said, never silently dropped). */
export interface ParsedLockfile {
  packages: LockedPackage[];
  /** Entries skipped with the reason ("requirements.txt:7: 'flask>=2' is not pinned with =="). */
  skipped: string[];
}

/** The identity OSV answers for: ecosystem, name and version. */
export function packageKey(p: { ecosystem: string; name: string; version: string }): string {
  return `${p.ecosystem}\u0000${p.name}\u0000${p.version}`;
}

/** PEP 503 normalisation of a Python distribution name: OSV and PyPI compare names this way. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Keeps the first entry of each package version in a file (nested copies of one version are one finding). */
export function uniquePackages(packages: readonly LockedPackage[]): LockedPackage[] {
  const seen = new Set<string>();
  return packages.filter((p) => {
    const key = `${p.file}\u0000${packageKey(p)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * `Cargo.lock` and `poetry.lock`: TOML with one `[[package]]` table per locked package holding `name = "…"` and
 * `version = "…"`. Both are machine-written one key per line, so a line reader gets the values and their lines
 * without a TOML library (and without losing positions).
 */
import { normalizePythonName, type LockedPackage, type ParsedLockfile } from '../package-ref.js';

interface PackageTable {
  /** The line of `name = …` (or of the header when the table has no name). */
  line: number;
  fields: Record<string, string>;
}

function packageTables(text: string): PackageTable[] {
  const tables: PackageTable[] = [];
  let current: PackageTable | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).trim();
    if (raw.startsWith('[')) {
      // Sub-tables such as [package.dependencies] end the package's own keys.
      current = raw === '[[package]]' ? { line: i + 1, fields: {} } : undefined;
      if (current) tables.push(current);
      continue;
    }
    const field = current ? /^([\w-]+)\s*=\s*"([^"]*)"/.exec(raw) : undefined;
    if (!current || !field) continue;
    current.fields[field[1] as string] = field[2] as string;
    if (field[1] === 'name') current.line = i + 1;
  }
  return tables;
}

/**
 * Parses `Cargo.lock`. Only crates from a registry (`source = "registry+…"` or `"sparse+…"`) are on crates.io;
 * the workspace's own crates (no source) and git dependencies are not.
 */
export function parseCargoLock(text: string, file: string): ParsedLockfile {
  const packages: LockedPackage[] = [];
  const skipped: string[] = [];
  for (const { line, fields } of packageTables(text)) {
    const { name, version, source } = fields;
    if (name === undefined || version === undefined) continue;
    if (source === undefined) continue; // a crate of this workspace
    if (!/^(registry|sparse)\+/.test(source)) skipped.push(`${file}:${line}: ${name} ${version} comes from ${source}`);
    else packages.push({ ecosystem: 'crates.io', name, version, file, line });
  }
  return { packages, skipped };
}

/** Parses `poetry.lock`; names are normalised as PyPI compares them (PEP 503). */
export function parsePoetryLock(text: string, file: string): ParsedLockfile {
  const packages: LockedPackage[] = [];
  const skipped: string[] = [];
  for (const { line, fields } of packageTables(text)) {
    const { name, version } = fields;
    if (name === undefined || version === undefined) continue;
    packages.push({ ecosystem: 'PyPI', name: normalizePythonName(name), version, file, line });
  }
  return { packages, skipped };
}

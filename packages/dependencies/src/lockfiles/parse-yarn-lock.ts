/**
 * `yarn.lock`, both formats. Yarn classic (v1) writes `name@range, name@range:` headers with `version "1.2.3"`;
 * Yarn berry (v2+) writes YAML with `version: 1.2.3` and a `resolution: "name@npm:1.2.3"` that says where the
 * package came from. Only registry packages are OSV's business: workspaces, links, patches and git checkouts
 * are skipped and listed.
 */
import type { LockedPackage, ParsedLockfile } from '../package-ref.js';

interface Entry {
  descriptor: string;
  line: number;
  version?: string;
  resolution?: string;
}

/** Parses `yarn.lock` (classic or berry). */
export function parseYarnLock(text: string, file: string): ParsedLockfile {
  const packages: LockedPackage[] = [];
  const skipped: string[] = [];
  for (const entry of entries(text)) {
    if (entry.descriptor === '__metadata' || entry.version === undefined) continue;
    const resolved = entry.resolution === undefined ? classic(entry.descriptor) : berry(entry.resolution);
    if (typeof resolved === 'string') {
      skipped.push(`${file}:${entry.line}: ${entry.descriptor} comes from ${resolved}, not the npm registry`);
      continue;
    }
    packages.push({ ecosystem: 'npm', name: resolved.name, version: entry.version, file, line: entry.line });
  }
  return { packages, skipped };
}

/** The entries: a header line at column 0 ending in ':' and its indented fields. */
function* entries(text: string): Generator<Entry> {
  let current: Entry | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).replace(/\r$/, '');
    if (raw === '' || raw.startsWith('#')) continue;
    if (!/^\s/.test(raw)) {
      if (current) yield current;
      // The first descriptor of "a@^1, a@^1.2:" names the package.
      const first = raw.replace(/:$/, '').split(/,\s*/)[0] as string;
      current = { descriptor: unquote(first), line: i + 1 };
      continue;
    }
    if (!current || /^\s{4}/.test(raw)) continue;
    const field = /^\s{2}(version|resolution):?\s+"?([^"]*)"?\s*$/.exec(raw);
    if (field) current[field[1] as 'version' | 'resolution'] = field[2] as string;
  }
  if (current) yield current;
}

/** `name@range` split at the `@` after a scope; the range says where a classic entry came from. */
function splitDescriptor(descriptor: string): { name: string; range: string } {
  const at = descriptor.indexOf('@', 1);
  return at === -1
    ? { name: descriptor, range: '' }
    : { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}

function classic(descriptor: string): { name: string } | string {
  const { name, range } = splitDescriptor(descriptor);
  const protocol = /^(file|link|portal|workspace|git\+?\w*|github|https?):/.exec(range)?.[1];
  return protocol === undefined ? { name } : `'${protocol}:'`;
}

function berry(resolution: string): { name: string } | string {
  const { name, range } = splitDescriptor(resolution);
  if (range.startsWith('npm:')) return { name };
  return `'${range.split(':')[0]}:'`;
}

/** Classic quotes each descriptor (`"a@^1", "a@^2":`), berry the whole list (`"a@npm:^1, a@npm:^2":`). */
function unquote(text: string): string {
  return text.replace(/^"|"$/g, '');
}

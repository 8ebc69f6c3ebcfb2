/**
 * Python's pinned dependency lists: `requirements.txt` (only `name==version` pins say what is installed; ranges
 * are listed as skipped) and Pipenv's `Pipfile.lock` (JSON, `default` and `develop` sections, `"version": "==1.2"`).
 */
import { normalizePythonName, type LockedPackage, type ParsedLockfile } from '../package-ref.js';
import { JsonPositions } from './json-positions.js';
import { parseJsonLockfile } from './parse-json.js';

const PIN = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*===?\s*([A-Za-z0-9][A-Za-z0-9._+!-]*)\s*(?:;.*)?$/;

/** Parses a pip requirements file. Options (`-r`, `--hash`, `-e`) and URLs are not packages with a version. */
export function parseRequirements(text: string, file: string): ParsedLockfile {
  const packages: LockedPackage[] = [];
  const skipped: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // A trailing backslash continues the line (hashes); everything after " #" is a comment.
    const requirement = (lines[i] as string)
      .replace(/\s+#.*$/, '')
      .replace(/^#.*$/, '')
      .replace(/\\\s*$/, '')
      .trim()
      .split(/\s+--/)[0] as string;
    if (requirement === '' || requirement.startsWith('-')) continue;
    const pin = PIN.exec(requirement);
    if (pin) {
      packages.push({
        ecosystem: 'PyPI',
        name: normalizePythonName(pin[1] as string),
        version: pin[2] as string,
        file,
        line: i + 1,
      });
    } else
      skipped.push(`${file}:${i + 1}: '${requirement}' is not pinned with ==, so the installed version is unknown`);
  }
  return { packages, skipped };
}

/** Parses `Pipfile.lock`. */
export function parsePipfileLock(text: string, file: string): ParsedLockfile {
  const data = parseJsonLockfile(text, file);
  const positions = new JsonPositions(text, 2);
  const packages: LockedPackage[] = [];
  const skipped: string[] = [];
  for (const section of ['default', 'develop']) {
    const entries = data[section];
    if (typeof entries !== 'object' || entries === null) continue;
    for (const [name, entry] of Object.entries(entries as Record<string, { version?: unknown }>)) {
      const line = positions.lineOf([section, name]) ?? 1;
      const version = typeof entry?.version === 'string' ? /^===?(.+)$/.exec(entry.version)?.[1] : undefined;
      if (version === undefined) skipped.push(`${file}:${line}: ${name} has no pinned version (git or path)`);
      else packages.push({ ecosystem: 'PyPI', name: normalizePythonName(name), version, file, line });
    }
  }
  return { packages, skipped };
}

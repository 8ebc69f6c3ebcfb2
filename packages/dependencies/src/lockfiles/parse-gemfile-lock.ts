/**
 * Bundler's `Gemfile.lock`: under `GEM`/`specs:`, each gem at four spaces as `name (version)` or
 * `name (version-platform)`; six spaces are its dependencies' requirements. `GIT` and `PATH` sources are not
 * rubygems.org releases and are listed as skipped.
 */
import type { LockedPackage, ParsedLockfile } from '../package-ref.js';

/** Parses `Gemfile.lock`. */
export function parseGemfileLock(text: string, file: string): ParsedLockfile {
  const packages: LockedPackage[] = [];
  const skipped: string[] = [];
  let section = '';
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).replace(/\r$/, '');
    if (/^\S/.test(raw)) {
      section = raw.trim();
      continue;
    }
    const spec = /^ {4}([^\s(]+) \(([^)]+)\)$/.exec(raw);
    if (!spec) continue;
    const [, name, full] = spec as unknown as [string, string, string];
    // The platform follows the first '-' (1.15.4-x86_64-linux); RubyGems versions use '.' for pre-releases.
    const version = full.split('-')[0] as string;
    if (section === 'GEM') packages.push({ ecosystem: 'RubyGems', name, version, file, line: i + 1 });
    else if (section === 'GIT' || section === 'PATH')
      skipped.push(`${file}:${i + 1}: ${name} ${version} comes from ${section}`);
  }
  return { packages, skipped };
}

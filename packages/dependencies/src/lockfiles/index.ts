/**
 * The lockfiles Shipgate reads, by file name, and the one function that parses any of them.
 */
import { uniquePackages, type ParsedLockfile } from '../package-ref.js';
import { parseComposerLock } from './parse-composer-lock.js';
import { parseGemfileLock } from './parse-gemfile-lock.js';
import { parseGoMod, parseGoSum } from './parse-go-mod.js';
import { parseNpmLock } from './parse-npm-lock.js';
import { parsePnpmLock } from './parse-pnpm-lock.js';
import { parsePipfileLock, parseRequirements } from './parse-python-lock.js';
import { parseCargoLock, parsePoetryLock } from './parse-toml-lock.js';
import { parseYarnLock } from './parse-yarn-lock.js';

type Parser = (text: string, file: string) => ParsedLockfile;

/** Parsers by exact file name. */
const BY_NAME: Readonly<Record<string, Parser>> = {
  'package-lock.json': parseNpmLock,
  'npm-shrinkwrap.json': parseNpmLock,
  'yarn.lock': parseYarnLock,
  'pnpm-lock.yaml': parsePnpmLock,
  'Cargo.lock': parseCargoLock,
  'poetry.lock': parsePoetryLock,
  'Pipfile.lock': parsePipfileLock,
  'go.mod': parseGoMod,
  'go.sum': parseGoSum,
  'Gemfile.lock': parseGemfileLock,
  'gems.locked': parseGemfileLock,
  'composer.lock': parseComposerLock,
};

/** The parser for a path, by its file name: the names above, and `requirements*.txt` (requirements-dev.txt …). */
function parserFor(path: string): Parser | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return BY_NAME[name] ?? (/^requirements([-_.][\w.-]*)?\.txt$/.test(name) ? parseRequirements : undefined);
}

/** Whether `path` is a lockfile Shipgate reads. */
export function isLockfile(path: string): boolean {
  return parserFor(path) !== undefined;
}

/**
 * The lockfiles among `paths`, in order. A `go.sum` beside a `go.mod` is left out: go.mod holds the selected
 * versions, go.sum every version ever downloaded.
 */
export function selectLockfiles(paths: readonly string[]): string[] {
  const goMods = new Set(paths.filter((p) => /(^|\/)go\.mod$/.test(p)).map((p) => p.replace(/go\.mod$/, '')));
  return paths.filter((p) => isLockfile(p) && !(/(^|\/)go\.sum$/.test(p) && goMods.has(p.replace(/go\.sum$/, ''))));
}

/** Parses the lockfile at `file` (a repository-relative path); throws `ConfigError` on unreadable JSON. */
export function parseLockfile(file: string, text: string): ParsedLockfile {
  const parser = parserFor(file);
  if (!parser) throw new TypeError(`parseLockfile: ${file} is not a lockfile Shipgate reads`);
  const parsed = parser(text.replace(/^\uFEFF/, ''), file);
  return { packages: uniquePackages(parsed.packages), skipped: parsed.skipped };
}

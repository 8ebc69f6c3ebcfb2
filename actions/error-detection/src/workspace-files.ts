/**
 * The repository's files as the checks see them: one walk of the working directory (skipping dependencies,
 * VCS data and build output), narrowed by the `paths` globs, with bounded reads. Paths are relative to the
 * working directory with forward slashes; findings carry them relative to the workspace (`shown`).
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, matchesGlob, posix, relative, resolve, sep } from 'node:path';

/** Directories never walked: installed dependencies, VCS data, caches and build output. */
const SKIPPED_DIRECTORIES = new Set([
  '.git',
  'node_modules',
  'bower_components',
  'vendor',
  'target',
  'dist',
  'build',
  'out',
  'coverage',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.next',
  '.nuxt',
  '.terraform',
  '.cache',
  '.yarn',
  '.pnpm-store',
  '.gradle',
]);

/** Files larger than this are not read (a manifest or lockfile this big is generated data). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** The walk stops after this many files: a working directory this big is not a repository checkout. */
export const MAX_FILES = 100_000;

export interface WorkspaceFiles {
  /** Every file found, sorted, relative to the working directory. */
  readonly list: readonly string[];
  /** The file's text, or `undefined` when it is missing, too large or not a file. */
  read(file: string): string | undefined;
  /** Whether a file exists in the working directory (the walk's skip list does not apply). */
  exists(file: string): boolean;
  /** The path as findings show it: relative to the workspace. */
  shown(file: string): string;
  /** A path a tool printed (absolute, or relative to the working directory) as a file here, or `undefined` outside. */
  relativePath(path: string): string | undefined;
  /** Whether git tracks the file (committed), or `undefined` when that is not known (not a git checkout). */
  tracked(file: string): boolean | undefined;
}

/** Options of {@link scanWorkspace}. */
export interface ScanOptions {
  /** The working directory, absolute. */
  root: string;
  /** The working directory relative to the workspace (`''` for the workspace itself). */
  prefix: string;
  /** `paths` globs; a leading `!` excludes. Empty keeps every file. */
  globs: readonly string[];
  /** Files git tracks, relative to the working directory, when known. */
  trackedFiles?: ReadonlySet<string>;
}

/** Walks the working directory once. */
export function scanWorkspace(options: ScanOptions): WorkspaceFiles {
  const found: string[] = [];
  const walk = (dir: string, rel: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable directory: nothing in it can be checked
    }
    for (const entry of entries) {
      if (found.length >= MAX_FILES) return;
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(join(dir, entry.name), path);
      } else if (entry.isFile() && selected(path, options.globs)) found.push(path);
    }
  };
  walk(options.root, '');
  found.sort();
  // Several checks read the same files (manifests for their schema and for the variables they use): once each.
  const cache = new Map<string, string | undefined>();
  const read = (file: string): string | undefined => {
    if (cache.has(file)) return cache.get(file);
    const text = readText(file);
    cache.set(file, text);
    return text;
  };
  const readText = (file: string): string | undefined => {
    try {
      const path = join(options.root, file);
      const stat = lstatSync(path);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  return {
    list: found,
    read,
    exists: (file) => {
      try {
        return lstatSync(join(options.root, file)).isFile();
      } catch {
        return false;
      }
    },
    relativePath: (path) => {
      const rel = relative(options.root, resolve(options.root, path)).split(sep).join('/');
      return rel === '' || rel.startsWith('../') || rel === '..' || isAbsolute(rel) ? undefined : rel;
    },
    shown: (file) => (options.prefix ? posix.join(options.prefix, file) : file),
    tracked: (file) => (options.trackedFiles ? options.trackedFiles.has(file) : undefined),
  };
}

/** Whether `path` passes the globs: it matches one that includes and none that excludes. */
export function selected(path: string, globs: readonly string[]): boolean {
  const include = globs.filter((glob) => !glob.startsWith('!'));
  const exclude = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
  if (exclude.some((glob) => matches(path, glob))) return false;
  return include.length === 0 || include.some((glob) => matches(path, glob));
}

/**
 * A glob match in which `*` and `**` also match names starting with a dot (`!test/fixtures/**` leaves out
 * `test/fixtures/app/.env`), as in gitignore and the workflow `paths:` filters; node's matchesGlob skips them.
 * The dot is swapped for a character no glob names, so `**\/.env` keeps matching by the real name.
 */
function matches(path: string, glob: string): boolean {
  return matchesGlob(path, glob) || matchesGlob(path.replace(/(^|\/)\./g, '$1\u0001'), glob);
}

/** The working directory relative to the workspace, with forward slashes (`''` when they are the same). */
export function prefixOf(workspace: string, workingDirectory: string): string {
  return relative(workspace, workingDirectory).split(sep).join('/');
}

/** Env files (`.env`, `.env.production`), the example files among them included. */
export function isEnvFile(path: string): boolean {
  return /^\.env(?:\.[\w.-]+)?$/.test(basename(path));
}

/** Example env files: the keys the application needs, with placeholder values. */
export function isEnvExample(path: string): boolean {
  return /^\.env\.(?:example|sample|template|dist|defaults)$/.test(basename(path));
}

/** GitHub workflow files. */
export function isWorkflowFile(path: string): boolean {
  return /^(?:.*\/)?\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

import { existsSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { isInside, type ActionContext } from '@shipgate/kit';
import { parseKubernetesVersion, type KubernetesVersion } from '@shipgate/manifests';
import type { Check } from './check.js';
import { CHECKS, PLANNED_CATEGORIES } from './checks.js';
import type { ACTION } from './inputs.js';

/** Everything error-detection needs, read and checked before any file is written or command run. */
export interface Settings {
  /** The checks the `categories` input names; every check (each run when it applies) when empty. */
  checks: readonly Check[];
  /** Whether the user chose the categories (they then run even when nothing in the repository applies). */
  categoriesGiven: boolean;
  /** `paths` globs, relative to the working directory. */
  globs: string[];
  kubernetesVersion: KubernetesVersion;
  /** The env file and the example, relative to the working directory. */
  envFile: { path: string; given: boolean };
  envExample: { path: string; given: boolean };
  buildCommand: string[] | undefined;
  buildTimeoutMs: number;
  minScore: number;
  /** Where SARIF goes, absolute, and as shown; undefined when not asked for. */
  sarifFile: { path: string; shown: string } | undefined;
}

type Context = ActionContext<typeof ACTION.inputs>;

/** Reads and checks every input; a wrong value fails here, naming the input, before anything runs. */
export function parseSettings(context: Context): Settings {
  const inputs = context.inputs;
  const categories = inputs.get('categories') ?? [];
  const planned = categories.filter((name) => name in PLANNED_CATEGORIES);
  if (planned.length > 0)
    throw inputs.error(
      'categories',
      `categories among ${CHECKS.map((check) => check.category).join(', ')}`,
      `${planned.map((name) => `${name} (${PLANNED_CATEGORIES[name]})`).join(' and ')} ${planned.length === 1 ? 'is' : 'are'} not available in error-detection yet; remove ${planned.length === 1 ? 'it' : 'them'}.`,
    );
  const globs = inputs.get('paths') ?? [];
  for (const glob of globs) {
    const pattern = glob.replace(/^!/, '');
    if (pattern === '' || pattern.startsWith('/') || pattern.split('/').includes('..'))
      throw inputs.error('paths', 'globs relative to the working directory, without .. (a leading ! excludes)');
  }
  const kubernetesVersion = parseKubernetesVersion(inputs.get('kubernetes-version'));
  return {
    checks: categories.length === 0 ? CHECKS : CHECKS.filter((check) => categories.includes(check.category)),
    categoriesGiven: categories.length > 0,
    globs,
    kubernetesVersion,
    envFile: envPath(context, 'env-file', '.env'),
    envExample: envPath(context, 'env-example', '.env.example'),
    buildCommand: inputs.get('build-command'),
    buildTimeoutMs: inputs.get('build-timeout'),
    minScore: inputs.get('min-score'),
    sarifFile: destination(context, 'sarif-file'),
  };
}

/** An env file input (the kit checked it is a file inside the workspace, when given), relative to the working directory. */
function envPath(
  context: Context,
  name: 'env-file' | 'env-example',
  fallback: string,
): { path: string; given: boolean } {
  const file = context.file(name);
  const path = file?.path ?? resolve(context.workingDirectory, fallback);
  if (file && !isInside(context.workingDirectory, path))
    throw context.inputs.error(
      name,
      'a file inside the working directory, relative to it',
      `${path} is outside ${context.workingDirectory}.`,
    );
  return { path: relativeTo(context.workingDirectory, path), given: file !== undefined };
}

/** A file the action writes: inside the workspace, not a directory; its directory is created when written. */
function destination(context: Context, name: 'sarif-file'): { path: string; shown: string } | undefined {
  const value = context.inputs.get(name);
  if (value === undefined) return undefined;
  const path = resolve(context.workingDirectory, value);
  const allowed = 'a file path inside the workspace, relative to the working directory';
  if (!isInside(context.runner.workspace, path))
    throw context.inputs.error(name, allowed, `${path} is outside the workspace ${context.runner.workspace}.`);
  if (existsSync(path) && !statSync(path).isFile())
    throw context.inputs.error(name, allowed, `${value} is a directory; name a file such as results.sarif.`);
  return { path, shown: relativeTo(context.runner.workspace, path) };
}

function relativeTo(root: string, path: string): string {
  return relative(root, path).split(sep).join('/') || '.';
}

import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError, type InputOrigin } from '@shipgate/core';

/**
 * Paths that inputs name stay inside the workspace: a repository's files (probe files, the config file) must
 * not be able to point an action at the runner's other files, and a typo fails here, naming the input,
 * instead of as "ENOENT" later.
 */

/** Whether `path` (absolute) is `root` or below it, after resolving symbolic links of the part that exists. */
export function isInside(root: string, path: string): boolean {
  const real = (p: string): string => {
    let existing = p;
    while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
    return resolve(realpathSync(existing), relative(existing, p));
  };
  const from = real(root);
  const rel = relative(from, real(path));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * `working-directory` resolved against the workspace: an existing directory inside it.
 * @throws InputError naming `working-directory`.
 */
export function resolveWorkingDirectory(workspace: string, value: string): string {
  const path = resolve(workspace, value);
  const allowed = 'a directory inside the workspace (GITHUB_WORKSPACE), relative to it';
  if (!isInside(workspace, path))
    throw new InputError('working-directory', value, allowed, { hint: `${path} is outside ${workspace}.` });
  if (!existsSync(path) || !statSync(path).isDirectory()) {
    throw new InputError('working-directory', value, allowed, {
      hint: `There is no directory ${path}. Check out the repository first (actions/checkout), or fix the path.`,
    });
  }
  return path;
}

/**
 * Checks a file an input names, relative to the working directory: inside the workspace, present, and a
 * regular file (not a directory).
 * @throws InputError naming the input (or its config key, with file:line:column).
 */
export function checkWorkspaceFile(
  name: string,
  raw: { value: string; origin: InputOrigin },
  workingDirectory: string,
  workspace: string,
): string {
  const path = resolve(workingDirectory, raw.value);
  const shown = relative(workspace, path) || '.';
  const fail = (hint: string): never => {
    throw new InputError(name, raw.value, 'a file inside the workspace, relative to the working directory', {
      origin: raw.origin,
      hint,
    });
  };
  if (!isInside(workspace, path)) fail(`${path} is outside the workspace ${workspace}.`);
  if (!existsSync(path)) fail(`There is no file ${shown} in the workspace.`);
  if (!statSync(path).isFile()) fail(`${shown} is a directory, not a file.`);
  return path;
}

import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { InputError, type LoadedConfig } from '@shipgate/core';
import { isInside } from './workspace-paths.js';

/** A loaded config file and its absolute path. */
export type ConfigFile = LoadedConfig & { path: string };

/** Where the config file lives unless the `config` input says otherwise. */
export const DEFAULT_CONFIG_PATH = '.github/shipgate.yml';

/**
 * Loads `.github/shipgate.yml` (or the file the `config` input names) from the working directory. The
 * default file is optional; a file named explicitly must exist, inside the workspace. The file is checked against
 * `schema/shipgate.schema.json` by a validator generated at build time (scripts/gen-validators.js), loaded
 * only when there is a file, which keeps every step's cold start short.
 * @param given Whether the step set `config` to something other than the default.
 */
export async function loadConfigFile(
  directory: string,
  workspace: string,
  path: string,
  given: boolean,
): Promise<ConfigFile | undefined> {
  const file = resolve(directory, path);
  const explicit = given && path !== DEFAULT_CONFIG_PATH;
  const allowed = `a YAML file inside the workspace, relative to the working directory`;
  if (!isInside(workspace, file))
    throw new InputError('config', path, allowed, { hint: `${file} is outside the workspace ${workspace}.` });
  if (!existsSync(file)) {
    // The runner passes an input's default as if it were given, so the default path stays optional.
    if (!explicit) return undefined;
    throw new InputError('config', path, allowed, {
      hint: `There is no file ${relative(workspace, file)}. Create it, or remove the 'config' input to use ${DEFAULT_CONFIG_PATH} when present.`,
    });
  }
  if (!statSync(file).isFile())
    throw new InputError('config', path, allowed, { hint: `${relative(workspace, file)} is a directory.` });
  const shown = relative(workspace, file) || file;
  const [{ parseConfig }, { validateConfigFile }] = await Promise.all([
    import('@shipgate/core/config'),
    import('./generated/config-validator.js'),
  ]);
  return { ...parseConfig(readFileSync(file, 'utf8'), shown, validateConfigFile), path: file };
}

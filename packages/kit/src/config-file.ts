import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { InputError } from '@shipgate/core';
import type { LoadedConfig } from '@shipgate/core';

/** Where the config file lives unless the `config` input says otherwise. */
export const DEFAULT_CONFIG_PATH = '.github/shipgate.yml';

/**
 * Loads `.github/shipgate.yml` (or the file the `config` input names) from the working directory. The
 * default file is optional; a file named explicitly must exist. The file is checked against
 * `schema/shipgate.schema.json` by a validator generated at build time (scripts/gen-validators.js), loaded
 * only when there is a file, which keeps every step's cold start short.
 */
export async function loadConfigFile(directory: string, explicitPath: string | undefined): Promise<LoadedConfig | undefined> {
  const path = resolve(directory, explicitPath ?? DEFAULT_CONFIG_PATH);
  if (!existsSync(path)) {
    // The runner passes an input's default as if it were given, so the default path stays optional.
    if (explicitPath === undefined || explicitPath === DEFAULT_CONFIG_PATH) return undefined;
    throw new InputError('config', explicitPath, `a path to an existing YAML file, relative to ${directory}`, {
      hint: `Create it, or remove the 'config' input to use ${DEFAULT_CONFIG_PATH} when present.`,
    });
  }
  const shown = isAbsolute(explicitPath ?? '') ? path : relative(directory, path) || path;
  const [{ parseConfig }, { validateConfigFile }] = await Promise.all([import('@shipgate/core/config'), import('./generated/config-validator.js')]);
  return parseConfig(readFileSync(path, 'utf8'), shown, validateConfigFile);
}

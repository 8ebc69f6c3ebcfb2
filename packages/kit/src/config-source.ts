import type { InputOrigin } from '@shipgate/core';
import type { LoadedConfig } from '@shipgate/core';
import type { InputSource } from './inputs.js';

/**
 * An input source over one or more mappings of a config file: the first mapping that has the key wins, so
 * callers pass the most specific first (`environments.production.canary-deploy`, then `canary-deploy`).
 */
export function configSource(config: LoadedConfig, sections: readonly (readonly string[])[]): InputSource {
  return (name) => {
    for (const section of sections) {
      const holder = getIn(config.data, section);
      if (!holder || typeof holder !== 'object' || !(name in holder)) continue;
      const value = (holder as Record<string, unknown>)[name];
      if (value === undefined || value === null) continue;
      const path = [...section, name];
      const origin: InputOrigin = {
        kind: 'config',
        file: config.file,
        path: path.join('.'),
        ...config.positionOf(path),
      };
      return { value: Array.isArray(value) ? value.join(',') : String(value), origin };
    }
    return undefined;
  };
}

/** The value at a key path of plain data, or `undefined`. */
export function getIn(data: unknown, path: readonly (string | number)[]): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

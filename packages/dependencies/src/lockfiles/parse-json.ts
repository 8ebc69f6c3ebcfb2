import { ConfigError } from '@shipgate/core';

/** `JSON.parse` of a JSON lockfile, with an error that names the file. */
export function parseJsonLockfile(text: string, file: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, '', `is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new ConfigError(file, '', 'must be a JSON object');
  return data as Record<string, unknown>;
}

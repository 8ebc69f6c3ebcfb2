import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { UsageError } from './args.js';
import { closest } from './suggest.js';

/** The prefix of environment variables that give inputs: `SHIPGATE_INPUT_BASE_URL` for `base-url`. */
export const ENV_PREFIX = 'SHIPGATE_INPUT_';

/** The environment variable that gives an input: upper case, hyphens and spaces as underscores. */
export function envNameOf(input: string): string {
  return `${ENV_PREFIX}${input.replace(/[- ]/g, '_').toUpperCase()}`;
}

/**
 * Reads the declared inputs set in the environment (`SHIPGATE_INPUT_<NAME>`, see {@link envNameOf}). Variables
 * for inputs the action does not declare are ignored: they may be meant for another action.
 */
export function readEnvInputs(env: NodeJS.ProcessEnv, declared: readonly string[]): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const name of declared) {
    const value = env[envNameOf(name)];
    if (value !== undefined) inputs[name] = value;
  }
  return inputs;
}

/**
 * Parses an input file: a YAML mapping of `name: value` (block scalars such as `|` for multi-line values).
 * Every value is text as written (YAML's failsafe schema: `true`, `07` and `~` stay as they are; the action
 * parses them as it parses any input); an empty value is an empty string. An undeclared name, or a list or a
 * mapping as a value, is a `UsageError` naming the file and line.
 */
export function parseInputFile(text: string, file: string, declared: readonly string[]): Record<string, string> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, schema: 'failsafe' });
  const at = (offset: number | undefined): string =>
    `${file}:${offset === undefined ? 1 : lineCounter.linePos(offset).line}`;
  const [error] = doc.errors;
  if (error) throw new UsageError(`${at(error.pos[0])}: not valid YAML: ${error.message.split('\n')[0]}`);
  if (doc.contents === null) return {};
  if (!isMap(doc.contents)) throw new UsageError(`${file}: expected lines of 'name: value', one input each.`);
  const inputs: Record<string, string> = {};
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const where = at(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    if (!declared.includes(key)) {
      const suggestion = closest(key, declared);
      throw new UsageError(
        `${where}: unknown input '${key}'.` +
          (suggestion ? ` Did you mean '${suggestion}'?` : '') +
          ` The inputs are: ${declared.join(', ') || 'none'}.`,
      );
    }
    if (pair.value !== null && !isScalar(pair.value))
      throw new UsageError(`${where}: the value of '${key}' must be text, not a list or mapping.`);
    inputs[key] = pair.value === null ? '' : String(pair.value.value);
  }
  return inputs;
}

/** Reads an input file given by `--input-file`, relative to `cwd`. */
export function readInputFile(path: string, cwd: string, declared: readonly string[]): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new UsageError(
      `Cannot read the input file '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
    );
  }
  return parseInputFile(text, path, declared);
}

/** Merges the sources: flags win over the file, the file over the environment. */
export function mergeInputs(
  flags: Record<string, string>,
  file: Record<string, string>,
  env: Record<string, string>,
): Record<string, string> {
  return { ...env, ...file, ...flags };
}

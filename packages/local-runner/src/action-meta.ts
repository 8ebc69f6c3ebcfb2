import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { evaluateDefault, type ExpressionContext } from './expressions.js';

/** One input or output as `action.yml` declares it. */
export interface ActionParameter {
  name: string;
  description: string;
  required: boolean;
  default: string | undefined;
}

/** What a runner needs to know of a JavaScript action, read from its `action.yml`. */
export interface ActionMeta {
  dir: string;
  name: string;
  description: string;
  using: string;
  main: string;
  post: string | undefined;
  /** `runs.post-if`: when the post step runs (the runner's default is `always()`). */
  postIf: string;
  inputs: ActionParameter[];
  outputs: ActionParameter[];
}

interface ActionYaml {
  name?: string;
  description?: string;
  runs?: { using?: string; main?: string; post?: string; 'post-if'?: string };
  inputs?: Record<string, { description?: string; required?: boolean; default?: unknown } | null>;
  outputs?: Record<string, { description?: string } | null>;
}

/** Reads `<dir>/action.yml`; throws when it is missing or is not a JavaScript action. */
export function readActionMeta(dir: string): ActionMeta {
  const file = join(dir, 'action.yml');
  if (!existsSync(file)) throw new Error(`No action.yml in ${dir}`);
  const yaml = (parse(readFileSync(file, 'utf8')) ?? {}) as ActionYaml;
  const { using, main, post } = yaml.runs ?? {};
  if (!using?.startsWith('node') || !main)
    throw new Error(`${file}: runs must be a JavaScript action (runs.using: node24, runs.main)`);
  return {
    dir,
    name: yaml.name ?? dir,
    description: yaml.description ?? '',
    using,
    main: join(dir, main),
    post: post ? join(dir, post) : undefined,
    postIf: yaml.runs?.['post-if'] ?? 'always()',
    inputs: Object.entries(yaml.inputs ?? {}).map(([name, spec]) => ({
      name,
      description: spec?.description ?? '',
      required: spec?.required === true,
      default: spec?.default === undefined ? undefined : String(spec.default),
    })),
    outputs: Object.entries(yaml.outputs ?? {}).map(([name, spec]) => ({
      name,
      description: spec?.description ?? '',
      required: false,
      default: undefined,
    })),
  };
}

/**
 * The inputs a runner sets for a step: every declared default (its `${{ github.token }}` evaluated from
 * `context`), then the values the workflow gives, which are taken as they are. A default that is not used is
 * not evaluated; one with any other expression throws an `ExpressionError` naming its input.
 */
export function resolveInputs(
  meta: ActionMeta,
  given: Record<string, string>,
  context: ExpressionContext,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const input of meta.inputs) {
    if (input.default !== undefined && !Object.hasOwn(given, input.name))
      values[input.name] = evaluateDefault(input.name, input.default, context);
  }
  return { ...values, ...given };
}

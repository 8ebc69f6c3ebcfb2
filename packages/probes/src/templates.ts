/**
 * The two placeholders of probe files. `${env:NAME}` is replaced when the file is parsed, from the
 * environment the caller passes in; `${steps.<step>.<capture>}` stays in a flow step's request until the
 * step runs, and is then replaced by a value an earlier step captured.
 */
import { ShipgateError } from '@shipgate/core';

const ENV_REFERENCE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;
const STEP_REFERENCE = /\$\{steps\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\}/g;
/** Anything that starts like one of our placeholders, well-formed or not. */
const PLACEHOLDER_LIKE = /\$\{\s*(?:env|steps)\b[^}]*\}?/g;
const WELL_FORMED = new RegExp(`^(?:${ENV_REFERENCE.source}|${STEP_REFERENCE.source})$`);

/** A `${steps.<step>.<capture>}` reference. */
export interface StepReference {
  step: string;
  capture: string;
}

/** The outcome of replacing `${env:NAME}` in one text. */
export interface EnvSubstitution {
  text: string;
  /** Each variable used, with the value put in (variables that are unset or empty are in `missing`). */
  variables: { name: string; value: string }[];
  /** Variables referenced but unset or empty, in order of appearance, without repeats. */
  missing: string[];
}

/** Every `${steps.<step>.<capture>}` in the text, in order of appearance (repeats kept). */
export function findStepReferences(text: string): StepReference[] {
  return [...text.matchAll(STEP_REFERENCE)].map((match) => ({ step: match[1] ?? '', capture: match[2] ?? '' }));
}

/**
 * The first placeholder that looks like ours but is not well-formed (`${env.TOKEN}`, `${steps.create}`,
 * `${env:A` without its brace), or `undefined` when there is none. Other `${...}` text is left alone.
 */
export function findMalformedPlaceholder(text: string): string | undefined {
  for (const match of text.matchAll(PLACEHOLDER_LIKE)) {
    if (!WELL_FORMED.test(match[0])) return match[0];
  }
  return undefined;
}

/**
 * Replaces each `${env:NAME}` with its value from `env`. A variable that is unset or empty is left in the
 * text and listed in `missing`, so that the caller can report it where it was written.
 */
export function substituteEnv(text: string, env: Readonly<Record<string, string | undefined>>): EnvSubstitution {
  const variables: EnvSubstitution['variables'] = [];
  const missing: string[] = [];
  const result = text.replace(ENV_REFERENCE, (whole, name: string) => {
    const value = Object.hasOwn(env, name) ? env[name] : undefined;
    if (value === undefined || value === '') {
      if (!missing.includes(name)) missing.push(name);
      return whole;
    }
    variables.push({ name, value });
    return value;
  });
  return { text: result, variables, missing };
}

/**
 * Replaces each `${steps.<step>.<capture>}` with the value captured by that step. Throws when a value is
 * missing, which happens when the step did not run or its capture failed.
 */
export function renderStepTemplate(
  text: string,
  captured: Readonly<Record<string, Readonly<Record<string, string>>>>,
  encode: (value: string) => string = (value) => value,
): string {
  return text.replace(STEP_REFERENCE, (whole, step: string, capture: string) => {
    const values = Object.hasOwn(captured, step) ? captured[step] : undefined;
    if (values === undefined) {
      throw new ShipgateError(`${whole} has no value: step '${step}' has not run or captured nothing`);
    }
    const value = Object.hasOwn(values, capture) ? values[capture] : undefined;
    if (value === undefined) {
      const known = Object.keys(values);
      throw new ShipgateError(
        `${whole} has no value: step '${step}' did not capture '${capture}'${known.length ? ` (it captured ${known.join(', ')})` : ''}`,
      );
    }
    return encode(value);
  });
}

/** Encoders for where a captured value lands: a URL path or query, a JSON string, or plain text. */
export const STEP_VALUE_ENCODERS = {
  url: (value: string): string => encodeURIComponent(value),
  json: (value: string): string => JSON.stringify(value).slice(1, -1),
  text: (value: string): string => value,
} as const;

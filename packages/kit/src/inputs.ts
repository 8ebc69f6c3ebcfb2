import {
  DURATION_FORMS,
  formatDuration,
  InputError,
  parseCommandLine,
  parseStages,
  parseTargets,
  tryParseDuration,
  withoutCredentials,
  type InputOrigin,
} from '@shipgate/core';
import { isConfigurable, type InputSpec, type InputTable, type InputValue } from './input-spec.js';
import type { SecretRegistry } from './secrets.js';

/** One raw input value and where it came from. */
export interface RawInput {
  value: string;
  origin: InputOrigin;
}

/** Looks up an input by its kebab-case name; `undefined` or an empty value means "not given". */
export type InputSource = (name: string) => RawInput | undefined;

/** Builds a source from plain values (tests, the CLI): every value counts as a step input. */
export function sourceFromRecord(values: Record<string, string | undefined> | Map<string, string>): InputSource {
  const map =
    values instanceof Map
      ? values
      : new Map(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined));
  return (name) => {
    const value = map.get(name);
    return value === undefined ? undefined : { value, origin: { kind: 'input' } };
  };
}

/** Tries sources in order; the first that has a non-empty value wins (inputs before config, say). */
export function firstOf(...sources: InputSource[]): InputSource {
  return (name) => {
    for (const source of sources) {
      const raw = source(name);
      if (raw !== undefined && raw.value.trim() !== '') return raw;
    }
    return undefined;
  };
}

/** Where the values of a table come from. */
export interface InputSources {
  /** The step's `with:` block (`INPUT_*`). */
  step: InputSource;
  /** The config file's sections for this action, most specific first; only for configurable inputs. */
  config?: InputSource;
  /**
   * Checks a `file` input the step or the config file gave (inside the workspace, exists, is a file).
   * Throws an `InputError`. Not called for a default, which may be absent.
   */
  checkFile?: (name: string, raw: RawInput) => void;
}

const TRUE_WORDS = ['true', 'True', 'TRUE'];
const FALSE_WORDS = ['false', 'False', 'FALSE'];

/**
 * The action's inputs, read through its table: each value is parsed by the kind its spec declares, once, with
 * the precedence step input > config file > the table's default. A wrong value is an `InputError` naming the
 * input (or the config key with file:line:column), the value seen and what is allowed.
 */
export class ActionInputs<T extends InputTable> {
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly table: T,
    private readonly sources: InputSources,
    private readonly secrets?: SecretRegistry,
  ) {}

  /**
   * Parses every input, given or defaulted, so that a wrong value fails before anything happens, even one
   * that the chosen settings would not read.
   */
  checkAll(): void {
    for (const name of Object.keys(this.table)) this.get(name);
  }

  /** The raw value and its origin, or `undefined` when neither the step nor the config file gives one. */
  raw(name: keyof T & string): RawInput | undefined {
    const spec = this.spec(name);
    const source =
      isConfigurable(spec) && this.sources.config ? firstOf(this.sources.step, this.sources.config) : this.sources.step;
    const raw = source(name);
    if (raw === undefined || raw.value.trim() === '') return undefined;
    // A private key's trailing newline matters: secrets are kept as given.
    return spec.kind === 'secret' ? raw : { value: raw.value.trim(), origin: raw.origin };
  }

  /** Whether the step or the config file gave the input. */
  given(name: keyof T & string): boolean {
    return this.raw(name) !== undefined;
  }

  /** The typed value: given, else the table's default, else `undefined`. */
  get<K extends keyof T & string>(name: K): InputValue<T[K]> {
    if (this.cache.has(name)) return this.cache.get(name) as InputValue<T[K]>;
    const spec = this.spec(name);
    const raw = this.raw(name);
    let value: unknown;
    if (raw !== undefined) {
      if (spec.kind === 'file') this.sources.checkFile?.(name, raw);
      value = parseValue(name, spec, raw, this.secrets);
    } else if (spec.required) {
      throw new InputError(name, undefined, describeAllowed(spec));
    } else if (spec.default !== undefined) {
      value = parseValue(name, spec, { value: spec.default, origin: { kind: 'input' } }, this.secrets);
    }
    this.cache.set(name, value);
    return value as InputValue<T[K]>;
  }

  /**
   * An input's text run through a parser of the action's own grammar (deploy windows, say); its `InputError` gets
   * the value's origin, so a config value is named by file:line:column like every other. `undefined` when not given.
   */
  parse<R>(name: keyof T & string, parse: (text: string) => R): R | undefined {
    const raw = this.raw(name);
    return raw === undefined ? undefined : withOrigin(raw.origin, () => parse(raw.value));
  }

  /** The value of an input that these settings need although the table does not require it. */
  require<K extends keyof T & string>(name: K, allowed?: string, hint?: string): NonNullable<InputValue<T[K]>> {
    const value = this.get(name);
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
      throw new InputError(
        name,
        undefined,
        allowed ?? describeAllowed(this.spec(name)),
        hint === undefined ? {} : { hint },
      );
    }
    return value as NonNullable<InputValue<T[K]>>;
  }

  /** An error about an input's value found by a check across inputs: names the input, its origin and value. */
  error(name: keyof T & string, allowed: string, hint?: string): InputError {
    const raw = this.raw(name);
    return new InputError(name, raw?.value, allowed, {
      origin: raw?.origin ?? { kind: 'input' },
      ...(hint === undefined ? {} : { hint }),
    });
  }

  /**
   * The same inputs seen through a part of the table that this table spreads (`NGINX_INPUT_TABLE`, say), for
   * readers shared by several actions. The type says `never` when the table does not hold that part as is.
   */
  view<S extends InputTable>(part: S): T extends S ? ActionInputs<S> : never {
    for (const name of Object.keys(part)) this.spec(name);
    return this as unknown as T extends S ? ActionInputs<S> : never;
  }

  /** The spec of an input; throws for a name the table does not have (a mistake in our code, not the user's). */
  spec(name: string): InputSpec {
    const spec = this.table[name];
    if (spec === undefined) throw new Error(`The inputs table has no input '${name}'`);
    return spec;
  }
}

/** Parses one raw value by its spec; throws an `InputError` that carries the value's origin. */
function parseValue(name: string, spec: InputSpec, raw: RawInput, secrets: SecretRegistry | undefined): unknown {
  const fail = (allowed: string, hint?: string, value = raw.value): never => {
    throw new InputError(name, value, allowed, { origin: raw.origin, ...(hint === undefined ? {} : { hint }) });
  };
  const text = raw.value;
  switch (spec.kind) {
    case 'text':
      if (spec.pattern !== undefined && !new RegExp(spec.pattern).test(text)) fail(describeAllowed(spec));
      return text;
    case 'file':
      return text;
    case 'secret':
      secrets?.add(text);
      return text;
    case 'boolean':
      if (TRUE_WORDS.includes(text)) return true;
      if (FALSE_WORDS.includes(text)) return false;
      return fail(describeAllowed(spec));
    case 'integer':
    case 'number': {
      const pattern = spec.kind === 'integer' ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
      const value = pattern.test(text) ? Number(text) : Number.NaN;
      const ok = spec.kind === 'integer' ? Number.isSafeInteger(value) : Number.isFinite(value);
      if (!ok || !inRange(value, spec.min, spec.max)) fail(describeAllowed(spec));
      return value;
    }
    case 'duration': {
      const value = tryParseDuration(text);
      if (value === undefined || !inRange(value, durationBound(spec.min), durationBound(spec.max)))
        fail(describeAllowed(spec));
      return value;
    }
    case 'choice':
      if (!spec.choices.includes(text)) fail(describeAllowed(spec));
      return text;
    case 'list': {
      const items = splitList(text);
      // Only separators (`,`, a blank line) is a slip, not a choice: an empty list would mean "check nothing"
      // while the user wrote something. Leaving the input out gives its default.
      if (items.length === 0) fail(describeAllowed(spec), 'It names no item; leave the input out for its default.');
      const bad = spec.choices ? items.find((item) => !spec.choices?.includes(item)) : undefined;
      if (bad !== undefined) fail(describeAllowed(spec), `'${bad}' is not one of them.`);
      return items;
    }
    case 'url': {
      const protocols = spec.protocols ?? ['http:', 'https:'];
      let url: URL | undefined;
      try {
        url = new URL(text);
      } catch {
        url = undefined;
      }
      if (url === undefined || !protocols.includes(url.protocol)) fail(describeAllowed(spec));
      // A password in a URL is a secret from the moment it is read: masked before any log line can show it.
      for (const secret of withoutCredentials(url as URL).secrets) secrets?.add(secret);
      return url;
    }
    case 'targets':
    case 'stages':
    case 'command':
      return withOrigin(raw.origin, () => parseGrammar(spec.kind, name, text));
    default:
      throw new Error(`Unknown input kind ${(spec as { kind: string }).kind} of '${name}'`);
  }
}

function parseGrammar(kind: 'targets' | 'stages' | 'command', name: string, text: string): unknown {
  switch (kind) {
    case 'targets':
      return parseTargets(text, name);
    case 'stages':
      return parseStages(splitList(text), name);
    case 'command':
      return parseCommandLine(text, name);
    default:
      throw new Error(`Unknown grammar ${String(kind)}: expected targets, stages or command`);
  }
}

/** Runs a core parser and gives its `InputError` the origin of the value (a config key's position, say). */
function withOrigin<V>(origin: InputOrigin, parse: () => V): V {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof InputError) || origin.kind !== 'config') throw error;
    throw new InputError(error.input, error.value, error.allowed, {
      origin,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    });
  }
}

/** Items separated by commas or new lines, trimmed, blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** What an input accepts, in words, for messages and docs. */
export function describeAllowed(spec: InputSpec): string {
  switch (spec.kind) {
    case 'text':
      return spec.allowed ?? (spec.pattern ? `text matching ${spec.pattern}` : 'a non-empty value');
    case 'secret':
      return 'a secret value, for example ${{ secrets.NAME }}';
    case 'file':
      return 'a path to a file, relative to the working directory';
    case 'boolean':
      return `a YAML 1.2 boolean: ${[...TRUE_WORDS, ...FALSE_WORDS].join(' | ')}`;
    case 'integer':
      return `a whole number${describeRange(spec.min, spec.max)}`;
    case 'number':
      return `a number${describeRange(spec.min, spec.max)}`;
    case 'duration':
      return `${DURATION_FORMS}${describeRange(durationBound(spec.min), durationBound(spec.max), formatDuration)}`;
    case 'choice':
      return `one of: ${spec.choices.join(', ')}`;
    case 'list':
      return spec.choices ? `a comma-separated list of: ${spec.choices.join(', ')}` : 'a comma-separated list';
    case 'url':
      return `an absolute URL starting with ${(spec.protocols ?? ['http:', 'https:']).map((p) => `${p}//`).join(' or ')}`;
    case 'targets':
      return 'one or more servers as host:port or unix:/path, separated by commas or new lines';
    case 'stages':
      return 'whole percentages from 1 to 100, strictly increasing, ending at 100 (for example 5,10,25,50,100)';
    case 'command':
      return 'a command and its arguments, without shell syntax';
    default:
      throw new Error(`Unknown input kind ${(spec as { kind: string }).kind}`);
  }
}

function durationBound(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = tryParseDuration(text);
  if (value === undefined) throw new Error(`Bad duration bound '${text}' in an inputs table`);
  return value;
}

function inRange(value: number, min: number | undefined, max: number | undefined): boolean {
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

function describeRange(
  min: number | undefined,
  max: number | undefined,
  format: (n: number) => string = String,
): string {
  if (min !== undefined && max !== undefined) return ` from ${format(min)} to ${format(max)}`;
  if (min !== undefined) return ` of at least ${format(min)}`;
  if (max !== undefined) return ` of at most ${format(max)}`;
  return '';
}

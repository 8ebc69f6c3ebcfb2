import { InputError, type InputOrigin } from '@shipgate/core';
import { DURATION_FORMS, formatDuration, tryParseDuration } from '@shipgate/core';
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
  const map = values instanceof Map ? values : new Map(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined));
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

const TRUE_WORDS = ['true', 'True', 'TRUE'];
const FALSE_WORDS = ['false', 'False', 'FALSE'];

interface Range {
  min?: number;
  max?: number;
}

/**
 * Reads inputs into typed values, once, in one place. Every method names the input, the value seen and
 * what is allowed when the value is wrong, and says where the value came from (step input or config key).
 */
export class InputReader {
  constructor(
    private readonly source: InputSource,
    private readonly secrets?: SecretRegistry,
  ) {}

  /** The raw value and its origin, or `undefined` when not given. */
  raw(name: string): RawInput | undefined {
    const raw = this.source(name);
    if (raw === undefined) return undefined;
    const value = raw.value.trim();
    return value === '' ? undefined : { value, origin: raw.origin };
  }

  /** An optional string; `fallback` when not given. */
  string(name: string): string | undefined;
  string(name: string, fallback: string): string;
  string(name: string, fallback?: string): string | undefined {
    return this.raw(name)?.value ?? fallback;
  }

  /** A string that must be given. */
  requiredString(name: string, allowed = 'a non-empty value'): string {
    const raw = this.raw(name);
    if (raw === undefined) throw new InputError(name, undefined, allowed);
    return raw.value;
  }

  /**
   * A secret (token, key, password): masked with `core.setSecret` before anything else can print it.
   * Not trimmed, because a private key's trailing newline matters.
   */
  secret(name: string, options: { required?: boolean } = {}): string | undefined {
    const raw = this.source(name);
    const value = raw?.value ?? '';
    if (value.trim() === '') {
      if (options.required) throw new InputError(name, undefined, 'a secret value, for example ${{ secrets.NAME }}');
      return undefined;
    }
    this.secrets?.add(value);
    return value;
  }

  /** A YAML 1.2 Core Schema boolean (`true | True | TRUE | false | False | FALSE`). */
  boolean(name: string, fallback: boolean): boolean {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if (TRUE_WORDS.includes(raw.value)) return true;
    if (FALSE_WORDS.includes(raw.value)) return false;
    throw this.error(raw, name, `a YAML 1.2 boolean: ${[...TRUE_WORDS, ...FALSE_WORDS].join(' | ')}`);
  }

  /** A whole number within an optional range. */
  integer(name: string, fallback: number, range?: Range): number;
  integer(name: string, fallback: undefined, range?: Range): number | undefined;
  integer(name: string, fallback: number | undefined, range: Range = {}): number | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = /^[+-]?\d+$/.test(raw.value) ? Number(raw.value) : Number.NaN;
    if (!Number.isSafeInteger(value) || !inRange(value, range)) throw this.error(raw, name, `a whole number${describeRange(range)}`);
    return value;
  }

  /** A number (decimals allowed) within an optional range. A trailing `%` is refused: say which scale in the docs. */
  number(name: string, fallback: number, range?: Range): number;
  number(name: string, fallback: undefined, range?: Range): number | undefined;
  number(name: string, fallback: number | undefined, range: Range = {}): number | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw.value) ? Number(raw.value) : Number.NaN;
    if (!Number.isFinite(value) || !inRange(value, range)) throw this.error(raw, name, `a number${describeRange(range)}`);
    return value;
  }

  /** One of a fixed set of words. */
  enum<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  enum<T extends string>(name: string, allowed: readonly T[], fallback: undefined): T | undefined;
  enum<T extends string>(name: string, allowed: readonly T[], fallback: T | undefined): T | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const match = allowed.find((option) => option === raw.value);
    if (match === undefined) throw this.error(raw, name, `one of: ${allowed.join(', ')}`);
    return match;
  }

  /** A list separated by commas and/or newlines; blanks dropped, items trimmed. */
  list(name: string, fallback: readonly string[] = [], allowed?: readonly string[]): string[] {
    const raw = this.raw(name);
    if (raw === undefined) return [...fallback];
    const items = raw.value.split(/[,\n]/).map((item) => item.trim()).filter((item) => item !== '');
    if (allowed) {
      const bad = items.find((item) => !allowed.includes(item));
      if (bad !== undefined) throw this.error(raw, name, `a comma-separated list of: ${allowed.join(', ')} (got '${bad}')`);
    }
    return items;
  }

  /** A duration in milliseconds (`500ms`, `30s`, `5m`, `1h`, `1m30s`). */
  duration(name: string, fallback: number, range?: Range): number;
  duration(name: string, fallback: undefined, range?: Range): number | undefined;
  duration(name: string, fallback: number | undefined, range: Range = {}): number | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = tryParseDuration(raw.value);
    if (value === undefined || !inRange(value, range)) {
      const bounds = describeRange(range, formatDuration);
      throw this.error(raw, name, `${DURATION_FORMS}${bounds}`);
    }
    return value;
  }

  /** An absolute URL with one of the allowed protocols (http and https by default). */
  url(name: string, fallback?: string, protocols: readonly string[] = ['http:', 'https:']): URL | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return fallback === undefined ? undefined : new URL(fallback);
    let url: URL | undefined;
    try {
      url = new URL(raw.value);
    } catch {
      url = undefined;
    }
    if (url === undefined || !protocols.includes(url.protocol)) {
      throw this.error(raw, name, `an absolute URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    }
    return url;
  }

  private error(raw: RawInput, name: string, allowed: string): InputError {
    return new InputError(name, raw.value, allowed, { origin: raw.origin });
  }
}

function inRange(value: number, range: Range): boolean {
  return (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
}

function describeRange(range: Range, format: (n: number) => string = String): string {
  if (range.min !== undefined && range.max !== undefined) return ` from ${format(range.min)} to ${format(range.max)}`;
  if (range.min !== undefined) return ` of at least ${format(range.min)}`;
  if (range.max !== undefined) return ` of at most ${format(range.max)}`;
  return '';
}

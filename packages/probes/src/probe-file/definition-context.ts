/**
 * What every part of the probe-file parser shares: the file and its positions, the environment for
 * `${env:NAME}`, the secrets found so far, and `fail`, which turns a problem into a `ConfigError` that names
 * the file, the key path, the line and column, and the probe.
 */
import { ConfigError } from '@shipgate/core';
import type { LoadedConfig } from '@shipgate/core';
import type { SourceLocation } from '../model.js';
import { findMalformedPlaceholder, findStepReferences, substituteEnv, type StepReference } from '../templates.js';

/** A key path into the file: `['probes', 2, 'steps', 1, 'url']`. */
export type KeyPath = readonly (string | number)[];

/** Variable names whose values are masked wherever they are used. */
export const SECRET_NAME = /token|secret|password|passwd|key|auth|credential|cookie|session/i;

/** How a text value is used. */
export interface TextUse {
  /** Values substituted into it are secrets (headers, bodies, CA certificates). */
  secret?: boolean;
  /** It may hold `${steps.<step>.<capture>}` (the url, headers and body of a flow step). */
  stepReferences?: boolean;
}

/** A step reference and where it was written. */
export interface LocatedStepReference extends StepReference {
  path: KeyPath;
}

/** The parser's shared state; `forProbe` gives a view whose errors name one probe. */
export class DefinitionContext {
  /** Step references met in texts that allow them, in order; the flow parser checks them. */
  readonly stepReferences: LocatedStepReference[] = [];

  constructor(
    readonly config: LoadedConfig,
    private readonly env: Readonly<Record<string, string | undefined>>,
    readonly secrets: Set<string>,
    private readonly subject?: string,
  ) {}

  /** A context whose errors start with `probe '<name>':` (or nothing, for a probe without a name). */
  forProbe(name: unknown): DefinitionContext {
    return new DefinitionContext(
      this.config,
      this.env,
      this.secrets,
      typeof name === 'string' ? `probe '${name}'` : undefined,
    );
  }

  /** Throws a `ConfigError` at the key path (or the nearest enclosing key the file has). */
  fail(path: KeyPath, problem: string, hint?: string): never {
    throw new ConfigError(
      this.config.file,
      path.join('.'),
      this.subject ? `${this.subject}: ${problem}` : problem,
      this.position(path) ?? {},
      hint === undefined ? {} : { hint },
    );
  }

  /** Where the value at a key path was written, or the nearest enclosing value when it is absent. */
  position(path: KeyPath): { line: number; column: number } | undefined {
    for (let length = path.length; length >= 0; length -= 1) {
      const position = this.config.positionOf(path.slice(0, length));
      if (position) return position;
    }
    return undefined;
  }

  /** A `SourceLocation` for the model. */
  location(path: KeyPath): SourceLocation | undefined {
    const position = this.position(path);
    return position && { file: this.config.file, ...position };
  }

  /**
   * A scalar as text with `${env:NAME}` replaced. Fails on a malformed placeholder, an unset variable, or a
   * step reference where none may be. Records secret values and, where allowed, step references.
   */
  text(path: KeyPath, value: unknown, use: TextUse = {}): string {
    const raw = String(value);
    const malformed = findMalformedPlaceholder(raw);
    if (malformed !== undefined)
      this.fail(path, `'${malformed}' is not a valid placeholder: write \${env:NAME} or \${steps.<step>.<capture>}`);
    const references = findStepReferences(raw);
    const [first] = references;
    if (first && !use.stepReferences) {
      this.fail(
        path,
        `\${steps.${first.step}.${first.capture}} can only be used in the url, headers, body or json of a flow step`,
      );
    }
    const substituted = substituteEnv(raw, this.env);
    const [missing] = substituted.missing;
    if (missing !== undefined) {
      this.fail(
        path,
        `\${env:${missing}} is used, but ${missing} is not set (or is empty)`,
        `Set ${missing} in the step's env (from a secret: ${missing}: \${{ secrets.${missing} }}).`,
      );
    }
    for (const variable of substituted.variables) {
      if (use.secret || SECRET_NAME.test(variable.name)) this.secrets.add(variable.value);
    }
    this.stepReferences.push(...references.map((reference) => ({ ...reference, path })));
    return substituted.text;
  }

  /** Like `text`, through every string of a JSON-like value (a request's `json`, an expected value). */
  value(path: KeyPath, value: unknown, use: TextUse = {}): unknown {
    if (typeof value === 'string') return this.text(path, value, use);
    if (Array.isArray(value)) return value.map((item, index) => this.value([...path, index], item, use));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, this.value([...path, key], item, use)]),
      );
    }
    return value;
  }
}

/** A YAML mapping as plain data. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

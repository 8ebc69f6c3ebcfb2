/**
 * Reads a probe file (`.github/probes.yml`, or the `probes` list of `.github/shipgate.yml`) into the model
 * the engine runs. Everything that can be known before a probe runs is checked here, and every problem is
 * a `ConfigError` naming the file, key path, line, column and probe.
 */
import type { LoadedConfig, SchemaValidator } from '@shipgate/core';
import { ANY_MAPPING, checkConfig, parseConfig } from '@shipgate/core/config';
import { ConfigError } from '@shipgate/core';
import { validateEmbeddedProbes, validateProbeFile } from '../generated/probe-validators.js';
import type { ProbeDefinition, ProbeSuiteDefinition } from '../model.js';
import { DefinitionContext, isMapping } from './definition-context.js';
import { headersAt } from './http-request.js';
import { BUILT_IN_DEFAULTS, probeAt, type ProbeDefaults } from './probe.js';
import { checkProbeKeys } from './probe-keys.js';
import { durationAt } from './values.js';

/** How to read a probe file. */
export interface ParseProbeFileOptions {
  /** Values for `${env:NAME}` (the step's environment, passed in by the caller). */
  env: Readonly<Record<string, string | undefined>>;
  /**
   * The text is `.github/shipgate.yml`: only its top-level `probes` list is read (other keys belong to other
   * sections and are validated elsewhere), with the built-in defaults.
   */
  embedded?: boolean;
}

/**
 * Parses and validates a probe file. Returns the probes with defaults applied, durations in milliseconds
 * and `${env:NAME}` substituted, plus the secret values substituted (for the caller to mask). Throws a
 * `ConfigError` for any problem, such as a bad URL, regex or JSON path, an unset variable, a duplicate
 * name, or a step reference to a step or capture that does not exist earlier in the flow.
 */
export function parseProbeFile(text: string, file: string, options: ParseProbeFileOptions): ProbeSuiteDefinition {
  // Read once, keeping positions; the schema is checked after the keys, for more precise messages.
  const config = parseConfig(text, file, ANY_MAPPING);
  const root = new DefinitionContext(config, options.env, new Set());
  checkProbeKeys(root, config.data, options.embedded === true);
  validate(config, options.embedded ? validateEmbeddedProbes : validateProbeFile);
  const defaults = options.embedded ? BUILT_IN_DEFAULTS : defaultsAt(root, config.data.defaults);
  const names = new Map<string, number>();
  const probes: ProbeDefinition[] = [];
  const list = (Array.isArray(config.data.probes) ? config.data.probes : []) as Record<string, unknown>[];
  list.forEach((raw, index) => {
    const path = ['probes', index];
    const ctx = root.forProbe(raw.name);
    const name = String(raw.name);
    const first = names.get(name);
    if (first !== undefined) {
      const line = root.position(['probes', first])?.line;
      ctx.fail(
        [...path, 'name'],
        `another probe has this name (probes.${first}${line ? `, line ${line}` : ''}): probe names must be unique`,
      );
    }
    names.set(name, index);
    probes.push(probeAt(ctx, path, raw, defaults));
  });
  return { file, probes, secrets: [...root.secrets] };
}

function defaultsAt(root: DefinitionContext, raw: unknown): ProbeDefaults {
  if (!isMapping(raw)) return BUILT_IN_DEFAULTS;
  return {
    timeoutMs:
      raw.timeout === undefined ? BUILT_IN_DEFAULTS.timeoutMs : durationAt(root, ['defaults', 'timeout'], raw.timeout),
    retries: typeof raw.retries === 'number' ? raw.retries : BUILT_IN_DEFAULTS.retries,
    headers: headersAt(root, ['defaults', 'headers'], raw.headers),
  };
}

/**
 * Validates against the schema (`schema/probes.schema.json`, compiled at build time by
 * scripts/gen-validators.js); an error inside a probe is repeated with the probe's name.
 */
function validate(config: LoadedConfig, schema: SchemaValidator): void {
  try {
    checkConfig(config, schema);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const probes = config.data.probes;
    const index = /^probes\.(\d+)(?:\.|$)/.exec(error.path)?.[1];
    const probe: unknown = index === undefined || !Array.isArray(probes) ? undefined : probes[Number(index)];
    const name = isMapping(probe) && typeof probe.name === 'string' ? probe.name : undefined;
    if (name === undefined) throw error;
    const position = { line: error.line, column: error.column };
    // ConfigError builds its message as "<where>: '<path>' <problem>"; rebuild it with the probe named.
    const prefix = new ConfigError(error.file, error.path, '', position).message;
    const problem = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    throw new ConfigError(
      error.file,
      error.path,
      `probe '${name}': ${problem}`,
      position,
      error.hint === undefined ? {} : { hint: error.hint },
    );
  }
}

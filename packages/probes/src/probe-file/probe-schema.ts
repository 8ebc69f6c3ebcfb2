/**
 * The JSON Schema of probe files (`schema/probes.schema.json`, shipped for editor completion), for the keys
 * it lists. Files are validated by the validators generated from it at build time (scripts/gen-validators.js).
 */
import schema from '../../../../schema/probes.schema.json' with { type: 'json' };

/** The schema of a probe file (`.github/probes.yml`). */
export const PROBE_FILE_SCHEMA: object = schema;

/** Every key a probe may have, whatever its kind, as the schema lists them. */
export const PROBE_SCHEMA_KEYS: readonly string[] = Object.keys(schema.definitions.probe.properties);

/** Every key of a flow step, as the schema lists them. */
export const STEP_SCHEMA_KEYS: readonly string[] = Object.keys(schema.definitions.step.properties);

/** The keys a mapping defined in the schema's `definitions` accepts. */
export function schemaKeys(definition: keyof typeof schema.definitions): string[] {
  const node = schema.definitions[definition] as { properties?: Record<string, unknown> };
  return Object.keys(node.properties ?? {});
}

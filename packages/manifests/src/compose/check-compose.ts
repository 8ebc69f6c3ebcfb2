import type { SchemaValidator } from '@shipgate/core';
import type { ManifestFinding, PathIssue } from '../finding.js';
import { checkYamlDocuments } from '../positioned-yaml.js';
import { schemaIssues } from '../kubernetes/schema-errors.js';
import { interpolateTree, type VariableLookup } from './interpolate.js';

/** What a Compose file is checked against. */
export interface ComposeCheck {
  /** The Compose Specification's validator (`validateComposeFile` from the generated compose-validator). */
  validate: SchemaValidator;
  /** Variables for interpolation: the env file's, then the environment's. */
  lookup: VariableLookup;
}

/**
 * Checks a Compose file the way `docker compose config` reads it: YAML 1.2 with merge keys, `${VAR}`
 * interpolation with the given variables (a required variable unset is an error, an unset one without a default a
 * warning), then the Compose Specification's schema on the interpolated data (unknown keys are errors, as Compose
 * rejects them; `x-` extensions are allowed). Every finding has its file:line:column.
 */
export function checkComposeFile(file: string, text: string, check: ComposeCheck): ManifestFinding[] {
  return checkYamlDocuments(file, text, 'core', (data) => checkComposeData(data, check));
}

/** The issues of one parsed Compose document, without positions. */
export function checkComposeData(data: unknown, check: ComposeCheck): PathIssue[] {
  if (data === null || data === undefined) return [];
  const interpolated = interpolateTree(data, check.lookup);
  if (check.validate(interpolated.data)) return interpolated.issues;
  return [...interpolated.issues, ...schemaIssues(check.validate.errors ?? [], '', [], 'compose')];
}

/** The Compose Specification's validator, generated at build time (about 400 kB, loaded when asked for). */
export async function loadComposeValidator(): Promise<SchemaValidator> {
  return (await import('../generated/compose-validator.js')).validateComposeFile;
}

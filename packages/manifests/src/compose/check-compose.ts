import type { SchemaValidator } from '@shipgate/core';
import { compareFindings, type ManifestFinding, type PathIssue } from '../finding.js';
import { tryLoadFast } from '../fast-yaml.js';
import { locateIssue, locateIssues, parsePositionedYaml } from '../positioned-yaml.js';
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
  const fast = tryLoadFast(text, 'core');
  if (fast) {
    const issues = fast.map((data) => checkComposeData(data, check));
    if (issues.every((list) => list.length === 0)) return [];
    const located = locateIssues(file, text, 'core', issues);
    if (located) return located.sort(compareFindings);
  }
  const positioned = parsePositionedYaml(text, file, 'core');
  const findings = [...positioned.findings];
  for (const document of positioned.documents) {
    if (document.hasErrors) continue;
    const data = document.data;
    if (document.dataError) {
      const message = `document ${document.index + 1} ${document.dataError}`;
      findings.push(locateIssue(file, document, { rule: 'yaml/alias-limit', severity: 'error', message, path: [] }));
      continue;
    }
    for (const issue of checkComposeData(data, check)) findings.push(locateIssue(file, document, issue));
  }
  return findings.sort(compareFindings);
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

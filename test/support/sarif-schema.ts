import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';

// The official OASIS SARIF 2.1.0 schema, as shipped in @microsoft/jest-sarif.
const require = createRequire(import.meta.url);
const schemaPath = join(
  dirname(require.resolve('@microsoft/jest-sarif/package.json')),
  'lib',
  'schemas',
  'sarif-2.1.0-rtm.5.json',
);
// It is a draft-04 schema; its only draft-04 keywords that Ajv 8 reads differently are `$schema` and `id`.
const { $schema: _draft, id, ...sarifSchema } = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;

/** Validates a SARIF log against the SARIF 2.1.0 schema; `validateSarif.errors` says why not. */
export const validateSarif = new Ajv({
  strict: false,
  allErrors: true,
  validateFormats: false,
  unicodeRegExp: false,
}).compile({ ...sarifSchema, $id: String(id) });

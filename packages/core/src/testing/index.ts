import { Ajv } from 'ajv';
import type { SchemaValidator } from '../config.js';
import options from '../validator-options.json' with { type: 'json' };

/**
 * Compiles a JSON Schema at run time with the options of the generated validators, for tests whose schema
 * is written inline. Production code uses the validators that scripts/gen-validators.js generates.
 */
export function compileValidator(schema: object): SchemaValidator {
  return new Ajv(options).compile(schema);
}

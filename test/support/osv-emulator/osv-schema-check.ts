/**
 * Validation against the OSV schema as published (osv-schema.json, vendored from
 * https://github.com/ossf/osv-schema/blob/main/validation/schema.json), and against the shape of a
 * `POST /v1/querybatch` answer as the API documents it (https://google.github.io/osv.dev/post-v1-querybatch/),
 * so the emulator cannot drift into answers the real API never gives.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';

const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is not a dependency: register the two formats the schema uses (RFC 3339 date-time, URI).
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i);
ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);

const osvSchema = JSON.parse(readFileSync(join(import.meta.dirname, 'osv-schema.json'), 'utf8')) as object;
const validateRecord = ajv.compile(osvSchema);

/** `POST /v1/querybatch`: one result per query, in order; ids and modified times only. */
const validateBatch = ajv.compile({
  type: 'object',
  required: ['results'],
  additionalProperties: false,
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          vulns: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'modified'],
              additionalProperties: false,
              properties: { id: { type: 'string' }, modified: { type: 'string', format: 'date-time' } },
            },
          },
          next_page_token: { type: 'string' },
        },
      },
    },
  },
});

function errorsOf(validate: ValidateFunction, data: unknown): string | undefined {
  if (validate(data)) return undefined;
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`).join('; ');
}

/** Why `record` is not a valid OSV record, or `undefined` when it is. */
export function osvSchemaErrors(record: unknown): string | undefined {
  return errorsOf(validateRecord, record);
}

/** Why `body` is not a valid querybatch answer, or `undefined` when it is. */
export function batchSchemaErrors(body: unknown): string | undefined {
  return errorsOf(validateBatch, body);
}

/**
 * Validates every response the emulator sends against GitHub's OpenAPI description, so the emulator cannot
 * drift into shapes GitHub never sends (and code written against it then breaks on the real API).
 */
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { loadSpec, responseSpec, SPEC_ID } from './openapi-spec.js';

/** A response whose body did not match the description. */
export interface SchemaViolation {
  operationId: string;
  method: string;
  /** The request path, e.g. `/repos/octo-org/app/deployments/7`. */
  path: string;
  /** The path template the request matched, e.g. `/repos/{owner}/{repo}/deployments/{deployment_id}`. */
  template: string;
  status: number;
  errors: Array<Pick<ErrorObject, 'instancePath' | 'schemaPath' | 'message' | 'params'>>;
}

/** What the validator needs to know about one response. */
export interface ResponseToCheck {
  method: string;
  path: string;
  template: string;
  status: number;
  body: unknown;
}

const BASIC_ERROR = `${SPEC_ID}#/components/schemas/basic-error`;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function instance(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  // ajv-formats is not a dependency: register what the description uses. GitHub sends "" for unset URLs
  // (a deployment status without a log URL), so an empty string passes as a `uri`.
  ajv.addFormat('uri', { type: 'string', validate: (value) => value === '' || /^[a-z][a-z0-9+.-]*:\S*$/i.test(value) });
  ajv.addFormat('date-time', { type: 'string', validate: (value) => DATE_TIME.test(value) });
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
  for (const name of ['uri-template', 'timestamp', 'repo.nwo', 'binary']) ajv.addFormat(name, true);
  for (const name of ['int64', 'int32'])
    ajv.addFormat(name, { type: 'number', validate: (value) => Number.isInteger(value) });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addSchema(loadSpec().document);
  return ajv;
}

function compiled(key: string, schema: object): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    validate = instance().compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

/**
 * Checks a response body against the operation's schema for its status. Undocumented success statuses are
 * violations; undocumented error statuses are checked against GitHub's generic `basic-error` shape.
 * Returns `undefined` when the body conforms or the description says the response has no body.
 */
export function checkResponse(response: ResponseToCheck): SchemaViolation | undefined {
  const { method, template, status } = response;
  const spec = responseSpec(template, method, status);
  const violation = (operationId: string, errors: SchemaViolation['errors']): SchemaViolation => ({
    operationId,
    method,
    path: response.path,
    template,
    status,
    errors,
  });
  switch (spec.kind) {
    case 'unknown-operation':
      return violation(`${method} ${template}`, [
        { instancePath: '', schemaPath: '', message: 'the description has no such operation', params: {} },
      ]);
    case 'no-content':
      return undefined;
    case 'undeclared':
      if (status < 400) {
        return violation(spec.operationId, [
          { instancePath: '', schemaPath: '', message: `status ${status} is not a documented response`, params: {} },
        ]);
      }
      return errorsOf(spec.operationId, compiled(BASIC_ERROR, { $ref: BASIC_ERROR }), response.body, violation);
    case 'schema':
      return errorsOf(
        spec.operationId,
        compiled(`${method} ${template} ${status}`, spec.schema),
        response.body,
        violation,
      );
    default:
      throw new Error(`Unhandled response spec kind: ${JSON.stringify(spec satisfies never)}`);
  }
}

function errorsOf(
  operationId: string,
  validate: ValidateFunction,
  body: unknown,
  violation: (operationId: string, errors: SchemaViolation['errors']) => SchemaViolation,
): SchemaViolation | undefined {
  if (validate(body)) return undefined;
  const errors = (validate.errors ?? []).map(({ instancePath, schemaPath, message, params }) => ({
    instancePath,
    schemaPath,
    message,
    params,
  }));
  return violation(operationId, errors);
}

/** Formats violations for an error message: one line per ajv error, with the operation and status. */
export function describeViolations(violations: readonly SchemaViolation[]): string {
  return violations
    .map((v) => {
      const lines = v.errors
        .slice(0, 10)
        .map((e) => `    ${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
      const more = v.errors.length > 10 ? [`    … ${v.errors.length - 10} more`] : [];
      return [`  ${v.operationId}: ${v.method} ${v.path} → ${v.status}`, ...lines, ...more].join('\n');
    })
    .join('\n');
}

/**
 * Errors the emulator's handlers throw to answer with GitHub's error shapes. The server fills in
 * `documentation_url` (from the operation's docs link) and `status`, as GitHub does.
 */
import { describeViolations } from './schema-validator.js';
import type { SchemaViolation } from './schema-validator.js';

/** An error response: status, body and extra headers. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
    super(`${status} ${String(body.message)}`);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** 404, GitHub's answer for anything missing or invisible to the token. */
export function notFound(): ApiError {
  return new ApiError(404, { message: 'Not Found' });
}

/** 422 for a request body that does not match the operation's parameters. */
export function invalidRequest(detail: string): ApiError {
  return new ApiError(422, { message: `Invalid request.\n\n${detail}` });
}

/** One entry of a 422 `errors` array. */
export interface FieldError {
  resource: string;
  field: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  message?: string;
}

/** 422 "Validation Failed" with GitHub's `errors` array. */
export function validationFailed(errors: FieldError[]): ApiError {
  return new ApiError(422, { message: 'Validation Failed', errors });
}

/** 409, e.g. a deployment whose required status checks have not passed. */
export function conflict(message: string): ApiError {
  return new ApiError(409, { message });
}

/** 400 for a body that is not JSON. */
export function problemsParsingJson(): ApiError {
  return new ApiError(400, { message: 'Problems parsing JSON' });
}

/** Thrown by `close()` and `assertNoSchemaViolations()` when a response did not match GitHub's description. */
export class SchemaViolationError extends Error {
  readonly violations: readonly SchemaViolation[];

  constructor(violations: readonly SchemaViolation[]) {
    const operations = [...new Set(violations.map((v) => v.operationId))].join(', ');
    super(
      `The GitHub emulator sent ${violations.length} response(s) that do not match GitHub's OpenAPI description (${operations}):\n${describeViolations(violations)}`,
    );
    this.name = 'SchemaViolationError';
    this.violations = violations;
  }
}

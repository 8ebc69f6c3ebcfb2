/**
 * Reading request bodies the way GitHub checks them: a missing required field or a value of the wrong type is a
 * 422 "Invalid request." naming the field.
 */
import { invalidRequest } from './http-errors.js';
import type { RequestContext } from './router.js';

export type Body = Record<string, unknown>;

/** The body as an object (an absent body reads as `{}`). */
export function objectBody(ctx: RequestContext): Body {
  if (ctx.body === undefined) return {};
  if (ctx.body === null || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) {
    throw invalidRequest(`${JSON.stringify(ctx.body)} is not an object.`);
  }
  return ctx.body as Body;
}

function wrongType(key: string, value: unknown, expected: string): Error {
  return invalidRequest(`For 'properties/${key}', ${JSON.stringify(value)} is not ${expected}.`);
}

/** A required string field. */
export function requiredString(body: Body, key: string): string {
  const value = body[key];
  if (value === undefined) throw invalidRequest(`"${key}" wasn't supplied.`);
  if (typeof value !== 'string') throw wrongType(key, value, 'a string');
  return value;
}

/** An optional string field; `null` is kept only when `nullable`. */
export function optionalString(body: Body, key: string, options: { nullable: true }): string | null | undefined;
export function optionalString(body: Body, key: string, options?: { nullable?: false }): string | undefined;
export function optionalString(
  body: Body,
  key: string,
  options: { nullable?: boolean } = {},
): string | null | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (value === null && options.nullable) return null;
  if (typeof value !== 'string') throw wrongType(key, value, options.nullable ? 'a string or null' : 'a string');
  return value;
}

/** An optional boolean field. */
export function optionalBoolean(body: Body, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw wrongType(key, value, 'a boolean');
  return value;
}

/** An optional field that must be one of `allowed` (or `null`, when `allowed` includes it). */
export function optionalEnum<T extends string | null>(body: Body, key: string, allowed: readonly T[]): T | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) {
    throw invalidRequest(`For 'properties/${key}', ${JSON.stringify(value)} is not one of ${JSON.stringify(allowed)}.`);
  }
  return value as T;
}

/** An optional array of strings. */
export function optionalStringArray(body: Body, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    throw wrongType(key, value, 'an array of strings');
  return value as string[];
}

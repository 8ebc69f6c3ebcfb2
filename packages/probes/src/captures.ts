/**
 * Values a flow step takes from its response for later steps (`${steps.<step>.<capture>}`). A capture that
 * finds nothing is an outcome the engine reports as a failed step, so it comes back as `error`, not thrown.
 */
import { evaluateJsonPath, parseJsonPath } from './json-path.js';
import type { Capture } from './model.js';
import type { HttpResponse } from './transport.js';

/** A captured value, or why there is none. */
export interface CaptureOutcome {
  value?: string;
  error?: string;
}

/**
 * Takes one value from a response: the first match of a JSON path (JSON-encoded unless it is a string),
 * a header's value, or a regex's first group (its whole match when it has no group) in the body.
 */
export function extractCapture(capture: Capture, response: HttpResponse): CaptureOutcome {
  switch (capture.from) {
    case 'json':
      return fromJson(capture.expression, response.body);
    case 'header': {
      const name = capture.expression.toLowerCase();
      const value = Object.hasOwn(response.headers, name) ? response.headers[name] : undefined;
      return value === undefined ? { error: `the response has no '${name}' header` } : { value };
    }
    case 'regex':
      return fromRegex(capture.expression, response.body);
    default:
      throw new Error(`Unknown capture source '${String(capture.from)}': expected json, header or regex`);
  }
}

function fromJson(expression: string, body: string): CaptureOutcome {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    return { error: `the response body is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  let matches: unknown[];
  try {
    matches = evaluateJsonPath(parseJsonPath(expression), data);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (matches.length === 0) return { error: `${expression} matched nothing in the response body` };
  const [first] = matches;
  return { value: typeof first === 'string' ? first : JSON.stringify(first) };
}

function fromRegex(expression: string, body: string): CaptureOutcome {
  let regex: RegExp;
  try {
    regex = new RegExp(expression);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const match = regex.exec(body);
  if (!match) return { error: `/${expression}/ did not match the response body` };
  // A group that took no part in the match (`(a)?b`) captures the empty string, not the whole match.
  return { value: match.length > 1 ? (match[1] ?? '') : match[0] };
}

/**
 * The HTTP request of an http probe, a flow step or a security-headers probe: method, URL, headers, body
 * (text, or JSON serialised) and the redirect and TLS switches, with the file's default headers merged in.
 */
import type { HttpRequestTemplate } from '../model.js';
import { isHeaderName } from './assertions.js';
import { isMapping, type DefinitionContext, type KeyPath } from './definition-context.js';
import { httpUrlAt } from './values.js';

/** How many redirects are followed unless the probe says. */
export const DEFAULT_MAX_REDIRECTS = 5;

/**
 * Reads a request from a probe or a step mapping. `stepReferences` allows `${steps.x.y}` in the URL,
 * headers and body (flow steps only).
 */
export function httpRequestAt(
  ctx: DefinitionContext,
  path: KeyPath,
  raw: Record<string, unknown>,
  defaultHeaders: Readonly<Record<string, string>>,
  options: { stepReferences?: boolean } = {},
): HttpRequestTemplate {
  const use = { stepReferences: options.stepReferences ?? false };
  const method = ctx.text([...path, 'method'], raw.method ?? 'GET').toUpperCase();
  const url = httpUrlAt(ctx, [...path, 'url'], raw.url, use);
  const headers = mergeHeaders(defaultHeaders, headersAt(ctx, [...path, 'headers'], raw.headers, use));
  if (raw.body !== undefined && raw.json !== undefined) {
    ctx.fail([...path, 'json'], "has both 'body' and 'json': give the body as text (body) or as JSON (json), not both");
  }
  let body: string | undefined;
  if (raw.body !== undefined) body = ctx.text([...path, 'body'], raw.body, { ...use, secret: true });
  if (raw.json !== undefined) {
    body = JSON.stringify(ctx.value([...path, 'json'], raw.json, { ...use, secret: true }));
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
  }
  const request: HttpRequestTemplate = {
    method,
    url,
    headers,
    followRedirects: raw['follow-redirects'] !== false,
    maxRedirects: typeof raw['max-redirects'] === 'number' ? raw['max-redirects'] : DEFAULT_MAX_REDIRECTS,
    ...(raw['allow-downgrade'] === true ? { allowDowngrade: true } : {}),
    verifyTls: raw['tls-verify'] !== false,
  };
  if (body === undefined) return request;
  return raw.json === undefined ? { ...request, body } : { ...request, body, bodyIsJson: true };
}

/** A `headers` mapping: names must be HTTP tokens, values one line; substituted values are secrets. */
export function headersAt(
  ctx: DefinitionContext,
  path: KeyPath,
  raw: unknown,
  use: { stepReferences?: boolean } = {},
): Record<string, string> {
  if (!isMapping(raw)) return {};
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    const at = [...path, name];
    if (!isHeaderName(name))
      ctx.fail(at, `'${name}' is not a valid header name: use letters, digits and - (X-Request-Id)`);
    const text = ctx.text(at, value, { ...use, secret: true });
    if (/[\r\n]/.test(text)) ctx.fail(at, 'the value has a line break, which a header cannot hold');
    headers[name] = text;
  }
  return headers;
}

/** Default headers overridden by a probe's own, compared by case-insensitive name. */
export function mergeHeaders(
  defaults: Readonly<Record<string, string>>,
  own: Readonly<Record<string, string>>,
): Record<string, string> {
  const ownNames = new Set(Object.keys(own).map((name) => name.toLowerCase()));
  const merged = Object.fromEntries(Object.entries(defaults).filter(([name]) => !ownNames.has(name.toLowerCase())));
  return { ...merged, ...own };
}

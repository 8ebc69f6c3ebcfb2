/** Header handling of the HTTP probe: what we send and how we report what came back. */

/** Sent unless the probe sets its own `user-agent`. */
export const USER_AGENT = 'shipgate-synthetic-probes';

/**
 * Response headers from Node's `rawHeaders` (name, value, name, value...): names lower-cased, repeated
 * headers joined with ", ", except `set-cookie`, whose values may contain commas and are joined with "\n".
 */
export function collectHeaders(rawHeaders: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    const value = rawHeaders[i + 1] as string;
    const previous = headers[name];
    headers[name] = previous === undefined ? value : `${previous}${name === 'set-cookie' ? '\n' : ', '}${value}`;
  }
  return headers;
}

/** Names that must not follow a redirect to another origin (as browsers and fetch do). */
/** Names that describe a body, dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'transfer-encoding',
]);

/** The request headers to send: the probe's, a default user agent, and `content-length` for a body. */
export function requestHeaders(
  headers: Record<string, string>,
  body: Buffer | undefined,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  let hasUserAgent = false;
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (lower === 'content-length' || lower === 'transfer-encoding') continue;
    if (lower === 'user-agent') hasUserAgent = true;
    out[name] = headers[name] as string;
  }
  if (!hasUserAgent) out['user-agent'] = USER_AGENT;
  if (body !== undefined) out['content-length'] = body.byteLength;
  return out;
}

/**
 * The headers to carry to the next hop of a redirect. Another origin gets none of the probe's headers: any of
 * them may carry a credential (`x-api-key`, not only `authorization` and `cookie`), and the next host chose itself.
 */
export function redirectHeaders(
  headers: Record<string, string>,
  sameOrigin: boolean,
  dropBody: boolean,
): Record<string, string> {
  if (!sameOrigin) return {};
  if (!dropBody) return headers;
  const out: Record<string, string> = {};
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (dropBody && BODY_HEADERS.has(lower)) continue;
    out[name] = headers[name] as string;
  }
  return out;
}

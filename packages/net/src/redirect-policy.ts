/**
 * What following a redirect means, as browsers and fetch do it
 * (https://fetch.spec.whatwg.org/#http-redirect-fetch): which statuses redirect, and when the method
 * becomes GET and the body is dropped.
 */

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** True for a status we follow when the response names a `location`. */
export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/** The method of the next request: 303 turns anything but HEAD into GET; 301 and 302 turn POST into GET. */
export function redirectMethod(status: number, method: string): string {
  if (status === 303 && method !== 'HEAD') return 'GET';
  if ((status === 301 || status === 302) && method === 'POST') return 'GET';
  return method;
}

/**
 * Resolves a `location` against the URL that answered. Returns a message instead when it cannot be
 * followed (not a URL, not http/https, or from https to plain http without `allowDowngrade`).
 */
export function resolveLocation(
  location: string,
  current: URL,
  options: { allowDowngrade?: boolean } = {},
): URL | string {
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    return `redirect to an invalid location ${JSON.stringify(location)} from ${current.href}`;
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:')
    return `redirect to unsupported protocol ${next.protocol} (${next.href})`;
  if (current.protocol === 'https:' && next.protocol === 'http:' && !options.allowDowngrade)
    return `redirect from https to plain http refused (${next.href}): the request would travel unencrypted; set allow-downgrade: true on the probe to follow it`;
  next.hash = '';
  return next;
}

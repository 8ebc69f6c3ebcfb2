/**
 * The HTTP client: a request, the redirects it leads to when the probe follows them, and the final response
 * with its timings. One deadline covers every hop.
 */
import type { HttpRequest, HttpResponse, NetworkFailure } from '@shipgate/probes';
import { networkFailure, roundMs, type Now } from './exchange.js';
import type { HttpAgents } from './http-agents.js';
import { sendHop, type Hop } from './http-exchange.js';
import { redirectHeaders } from './http-headers.js';
import { isRedirect, redirectMethod, resolveLocation } from './redirect-policy.js';

/**
 * Sends `request` and follows redirects (up to `maxRedirects`, refusing to visit a URL twice). Timings are
 * those of the final response, counted from the start of the first request. Throws only when
 * `request.url` is not an absolute http(s) URL, which the engine resolves before calling.
 */
export async function sendHttpRequest(
  agents: HttpAgents,
  now: Now,
  request: HttpRequest,
): Promise<HttpResponse | NetworkFailure> {
  const url = new URL(request.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`sendHttpRequest: not an http(s) URL: ${request.url}`);
  url.hash = '';
  let hop: Hop = {
    url,
    method: request.method.toUpperCase(),
    headers: request.headers,
    body: request.body === undefined ? undefined : Buffer.from(request.body, 'utf8'),
    verifyTls: request.verifyTls,
    maxBodyBytes: request.maxBodyBytes,
    timeoutMs: request.timeoutMs,
    probeStart: now(),
  };
  const seen = new Set([url.href]);
  const redirects: string[] = [];
  for (;;) {
    const response = await sendHop(agents, now, hop);
    if (!response.ok) return response;
    const location = response.headers['location'];
    if (!request.followRedirects || !isRedirect(response.status) || location === undefined) {
      return { ...response, url: hop.url.href, redirects };
    }
    const failAt = () => roundMs(now() - hop.probeStart);
    const next = resolveLocation(location, hop.url, { allowDowngrade: request.allowDowngrade === true });
    if (typeof next === 'string') return networkFailure('protocol', next, failAt());
    if (seen.has(next.href))
      return networkFailure(
        'redirect-loop',
        `redirect loop: ${hop.url.href} redirects back to ${next.href}, visited before`,
        failAt(),
      );
    if (redirects.length >= request.maxRedirects) {
      return networkFailure(
        'too-many-redirects',
        `more than ${request.maxRedirects} redirects (the last one to ${next.href})`,
        failAt(),
      );
    }
    seen.add(next.href);
    redirects.push(next.href);
    const method = redirectMethod(response.status, hop.method);
    const dropBody = method !== hop.method;
    hop = {
      ...hop,
      url: next,
      method,
      headers: redirectHeaders(hop.headers, next.origin === hop.url.origin, dropBody),
      body: dropBody ? undefined : hop.body,
    };
  }
}

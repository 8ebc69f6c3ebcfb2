import { checkHttpResponse, checkLatency } from '../assertions.js';
import { resolveUrl } from '../engine/urls.js';
import type { HttpExpectations, HttpProbe, HttpRequestTemplate } from '../model.js';
import type { HttpRequest, HttpResponse } from '../transport.js';
import { judgeAssertions, networkOutcome, type Attempts, type KindContext, type KindOutcome } from './context.js';

/** Builds the transport request from a (rendered) template. */
export function toHttpRequest(template: HttpRequestTemplate, timeoutMs: number, context: KindContext): HttpRequest {
  return {
    method: template.method,
    url: resolveUrl(template.url, context.baseUrl),
    headers: template.headers,
    ...(template.body === undefined ? {} : { body: template.body }),
    timeoutMs,
    followRedirects: template.followRedirects,
    maxRedirects: template.maxRedirects,
    ...(template.allowDowngrade ? { allowDowngrade: true } : {}),
    verifyTls: template.verifyTls,
    maxBodyBytes: context.maxBodyBytes,
  };
}

/** Checks a response: assertions first (a wrong answer fails whatever its speed), then the latency budget. */
export function judgeHttpResponse(expect: HttpExpectations, response: HttpResponse): KindOutcome {
  const assertions = checkHttpResponse(expect, response);
  const base = {
    durationMs: response.timings.totalMs,
    timings: response.timings,
    assertions,
    details: { status: response.status, url: response.url, redirects: response.redirects },
  };
  const judged = judgeAssertions(assertions);
  if (judged.status === 'failed') return { ...base, ...judged };
  const total = Math.round(response.timings.totalMs);
  switch (checkLatency(expect.latency, response.timings.totalMs)) {
    case 'failed':
      return {
        ...base,
        status: 'failed',
        reason: `response took ${total} ms, over the failure budget of ${expect.latency.failedMs} ms`,
      };
    case 'degraded':
      return {
        ...base,
        status: 'degraded',
        reason: `response took ${total} ms, over the degraded budget of ${expect.latency.degradedMs} ms`,
      };
    case 'ok':
      return { ...base, status: 'passed' };
  }
}

/** An http probe: one request, its assertions and its latency budget. */
export async function runHttpProbe(probe: HttpProbe, context: KindContext, attempts: Attempts): Promise<KindOutcome> {
  const request = toHttpRequest(probe.request, probe.timeoutMs, context);
  const response = await attempts.run(() => context.transport.http(request));
  return response.ok ? judgeHttpResponse(probe.expect, response) : networkOutcome(response);
}

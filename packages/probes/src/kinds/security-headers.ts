import type { AssertionResult } from '../assertions.js';
import { SECURITY_HEADERS, type SecurityHeader, type SecurityHeadersProbe } from '../model.js';
import type { HttpResponse } from '../transport.js';
import { networkOutcome, type Attempts, type KindContext, type KindOutcome } from './context.js';
import { toHttpRequest } from './http.js';

const REFERRER_POLICIES = [
  'no-referrer',
  'no-referrer-when-downgrade',
  'origin',
  'origin-when-cross-origin',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
];

/** Whether a response sets one security header well enough, and what it saw. */
export function inspectSecurityHeader(
  header: SecurityHeader,
  headers: Record<string, string>,
): { ok: boolean; actual: string; expected: string } {
  const csp = headers['content-security-policy'];
  switch (header) {
    case 'strict-transport-security': {
      const value = headers['strict-transport-security'];
      const maxAge = Number(/max-age=(\d+)/i.exec(value ?? '')?.[1] ?? Number.NaN);
      return { ok: maxAge > 0, actual: value ?? 'missing', expected: 'max-age greater than 0' };
    }
    case 'x-content-type-options': {
      const value = headers['x-content-type-options'];
      return { ok: value?.trim().toLowerCase() === 'nosniff', actual: value ?? 'missing', expected: 'nosniff' };
    }
    case 'frame-protection': {
      const xfo = headers['x-frame-options'];
      const ancestors = csp && /frame-ancestors\s/i.test(csp);
      return {
        ok: /^(deny|sameorigin)$/i.test(xfo?.trim() ?? '') || Boolean(ancestors),
        actual: xfo ? `X-Frame-Options: ${xfo}` : ancestors ? 'CSP frame-ancestors' : 'missing',
        expected: 'X-Frame-Options DENY or SAMEORIGIN, or CSP frame-ancestors',
      };
    }
    case 'content-security-policy':
      return { ok: Boolean(csp?.trim()), actual: csp ?? 'missing', expected: 'present' };
    case 'referrer-policy': {
      const value = headers['referrer-policy'];
      const last =
        value
          ?.split(',')
          .map((v) => v.trim().toLowerCase())
          .pop() ?? '';
      return {
        ok: REFERRER_POLICIES.includes(last),
        actual: value ?? 'missing',
        expected: `one of ${REFERRER_POLICIES.join(', ')}`,
      };
    }
    default:
      throw new Error(`Unknown security header '${String(header)}': expected one of ${SECURITY_HEADERS.join(', ')}`);
  }
}

/** Scores the five headers (each 20 points) and lists what is missing. */
export function scoreSecurityHeaders(response: Pick<HttpResponse, 'headers'>): {
  score: number;
  present: SecurityHeader[];
  missing: SecurityHeader[];
} {
  const present = SECURITY_HEADERS.filter((h) => inspectSecurityHeader(h, response.headers).ok);
  return { score: present.length * 20, present, missing: SECURITY_HEADERS.filter((h) => !present.includes(h)) };
}

/** A security-headers probe: the required headers are present and sensible; the score covers all five. */
export async function runSecurityHeadersProbe(
  probe: SecurityHeadersProbe,
  context: KindContext,
  attempts: Attempts,
): Promise<KindOutcome> {
  const request = toHttpRequest(probe.request, probe.timeoutMs, context);
  const response = await attempts.run(() => context.transport.http(request));
  if (!response.ok) return networkOutcome(response);
  const assertions: AssertionResult[] = probe.require.map((header) => {
    const seen = inspectSecurityHeader(header, response.headers);
    return {
      target: `header ${header}`,
      operator: 'exists',
      expected: seen.expected,
      actual: seen.actual,
      passed: seen.ok,
    };
  });
  const { score, present, missing } = scoreSecurityHeaders(response);
  const missingRequired = probe.require.filter((h) => missing.includes(h));
  const outcome: KindOutcome = {
    status: missingRequired.length ? 'failed' : 'passed',
    durationMs: response.timings.totalMs,
    timings: response.timings,
    assertions,
    details: { score, present, missing },
  };
  if (missingRequired.length) outcome.reason = `missing or weak: ${missingRequired.join(', ')} (score ${score}/100)`;
  return outcome;
}

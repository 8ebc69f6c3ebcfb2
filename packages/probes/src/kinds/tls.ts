import type { AssertionResult } from '../assertions.js';
import type { TlsProbe } from '../model.js';
import { judgeAssertions, networkOutcome, type Attempts, type KindContext, type KindOutcome } from './context.js';

const DAY_MS = 86_400_000;

/** A TLS probe: the chain is trusted, the name matches, and expiry is further away than `min-days`. */
export async function runTlsProbe(probe: TlsProbe, context: KindContext, attempts: Attempts): Promise<KindOutcome> {
  const servername = probe.servername ?? probe.host;
  const result = await attempts.run(() =>
    context.transport.tls({
      host: probe.host,
      port: probe.port,
      servername,
      timeoutMs: probe.timeoutMs,
      ...(probe.ca ? { ca: probe.ca } : {}),
    }),
  );
  if (!result.ok) return networkOutcome(result);
  const validTo = new Date(result.certificate.validTo);
  const daysRemaining = Math.floor((validTo.getTime() - context.wallClock().getTime()) / DAY_MS);
  const assertions: AssertionResult[] = [
    {
      target: 'certificate chain',
      operator: 'trusted',
      expected: 'trusted',
      actual: result.authorized ? 'trusted' : `not trusted: ${result.authorizationError ?? 'unknown reason'}`,
      passed: result.authorized,
    },
  ];
  if (probe.verifyHostname) {
    assertions.push({
      target: 'certificate name',
      operator: 'matches',
      expected: `matches ${servername}`,
      actual: result.hostnameMatches
        ? 'matches'
        : (result.hostnameError ?? `names: ${result.certificate.subjectAltNames.join(', ')}`),
      passed: result.hostnameMatches,
    });
  }
  assertions.push({
    target: 'days until expiry',
    operator: 'greater-than',
    expected: `at least ${probe.minDaysRemaining}`,
    actual:
      daysRemaining < 0
        ? `expired ${-daysRemaining} days ago (${result.certificate.validTo})`
        : `${daysRemaining} (expires ${result.certificate.validTo})`,
    passed: daysRemaining >= probe.minDaysRemaining,
  });
  return {
    ...judgeAssertions(assertions),
    durationMs: result.tlsMs,
    timings: { connectMs: result.connectMs, tlsMs: result.tlsMs, totalMs: result.tlsMs },
    assertions,
    details: {
      subject: result.certificate.subject,
      issuer: result.certificate.issuer,
      validTo: result.certificate.validTo,
      daysRemaining,
      subjectAltNames: result.certificate.subjectAltNames,
      chainLength: result.chain.length,
      protocol: result.protocol,
    },
  };
}

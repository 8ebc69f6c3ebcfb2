import type { AssertionResult } from '../assertions.js';
import type { DnsProbe } from '../model.js';
import { judgeAssertions, networkOutcome, type Attempts, type KindContext, type KindOutcome } from './context.js';

/** A DNS probe: the name resolves, and to every expected address when some are given. */
export async function runDnsProbe(probe: DnsProbe, context: KindContext, attempts: Attempts): Promise<KindOutcome> {
  const result = await attempts.run(() =>
    context.transport.dns({
      name: probe.host,
      record: probe.record,
      timeoutMs: probe.timeoutMs,
      ...(probe.server ? { server: probe.server } : {}),
    }),
  );
  if (!result.ok) return networkOutcome(result);
  const assertions: AssertionResult[] = [
    {
      target: `${probe.record} records of ${probe.host}`,
      operator: 'exists',
      expected: 'at least one',
      actual: result.addresses.join(', ') || 'none',
      passed: result.addresses.length > 0,
    },
    ...probe.expectAddresses.map((address) => ({
      target: `${probe.record} records of ${probe.host}`,
      operator: 'contains',
      expected: `contains ${address}`,
      actual: result.addresses.join(', ') || 'none',
      passed: result.addresses.includes(address),
    })),
  ];
  return {
    ...judgeAssertions(assertions),
    durationMs: result.durationMs,
    timings: { dnsMs: result.durationMs, totalMs: result.durationMs },
    assertions,
    details: { addresses: result.addresses },
  };
}

/**
 * The DNS client: the system's lookup (/etc/hosts, then the configured resolvers), or one DNS server asked
 * directly with a single try, for probes that check what a particular server answers.
 */
import { promises as dns } from 'node:dns';
import type { DnsRequest, DnsResult, NetworkFailure } from '@shipgate/probes';
import { networkFailure, roundMs, type Now } from './exchange.js';
import { describeDnsCode } from './socket-errors.js';

/**
 * Resolves `name` to its A or AAAA addresses within `timeoutMs`. With `server` (`host:port`), asks that
 * server only; without, uses `lookup` like any program on the machine would. Every failure, a server that
 * does not answer in time included, is a `dns` failure naming the resolver's code in words.
 */
export async function resolveDns(now: Now, request: DnsRequest): Promise<DnsResult | NetworkFailure> {
  const start = now();
  const elapsed = () => roundMs(now() - start);
  const via = request.server === undefined ? 'the system resolver' : `DNS server ${request.server}`;
  const resolver =
    request.server === undefined ? undefined : new dns.Resolver({ timeout: Math.max(1, request.timeoutMs), tries: 1 });
  if (resolver && request.server) {
    try {
      resolver.setServers([request.server]);
    } catch {
      return networkFailure(
        'dns',
        `invalid DNS server ${JSON.stringify(request.server)}: expected an IP address with an optional port (10.0.0.2:53, [::1]:53)`,
        elapsed(),
      );
    }
  }
  const family = request.record === 'A' ? 4 : 6;
  const query: Promise<string[]> = resolver
    ? family === 4
      ? resolver.resolve4(request.name)
      : resolver.resolve6(request.name)
    : dns.lookup(request.name, { all: true, family }).then((found) => found.map((entry) => entry.address));
  // getaddrinfo has no timeout, and c-ares rounds its own up (300 ms becomes ~600 ms): this deadline decides.
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>(
    (resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(0, request.timeoutMs))),
  );
  const fail = (words: string) =>
    networkFailure('dns', `could not resolve ${request.record} ${request.name} with ${via}: ${words}`, elapsed());
  const noAnswer = `no answer within ${request.timeoutMs} ms (ETIMEOUT)`;
  try {
    const outcome = await Promise.race([query, deadline]);
    if (outcome === 'timeout') {
      resolver?.cancel();
      return fail(noAnswer);
    }
    return { ok: true, addresses: outcome, durationMs: elapsed() };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return fail(code === 'ETIMEOUT' ? noAnswer : describeDnsCode(code));
  } finally {
    clearTimeout(timer);
    // A lost race leaves the query running; its rejection must not surface as unhandled.
    query.catch(() => undefined);
  }
}

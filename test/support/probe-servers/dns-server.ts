/**
 * A UDP DNS responder on 127.0.0.1 for the DNS probe: answers A and AAAA queries from a fixed table,
 * NXDOMAIN for names it does not know, and nothing at all for names listed as `silent` (to test timeouts).
 */
import { createSocket } from 'node:dgram';
import { LOOPBACK } from '../services/free-port.js';
import type { Stoppable } from '../services/use-service.js';
import { buildAnswer, parseQuery } from './dns-message.js';

/** Options of {@link startDnsServer}. */
export interface DnsServerOptions {
  /** Name → addresses (IPv4 and IPv6 mixed); names are matched case-insensitively. */
  records: Record<string, string[]>;
  /** Names whose queries are dropped, so the client times out. */
  silent?: string[];
}

/** A running DNS server. */
export interface DnsTestServer extends Stoppable {
  /** `127.0.0.1:<port>`, as `DnsRequest.server` wants it. */
  readonly address: string;
  readonly port: number;
  /** Queries received, as `TYPE name` (`1 api.test`). */
  queries(): string[];
}

/** Starts the responder. */
export async function startDnsServer(options: DnsServerOptions): Promise<DnsTestServer> {
  const records = new Map(
    Object.entries(options.records).map(([name, addresses]) => [name.toLowerCase().replace(/\.$/, ''), addresses]),
  );
  const silent = new Set((options.silent ?? []).map((name) => name.toLowerCase()));
  const seen: string[] = [];
  const socket = createSocket('udp4');
  socket.on('message', (message, remote) => {
    const query = parseQuery(message);
    if (!query) return;
    seen.push(`${query.type} ${query.name}`);
    if (silent.has(query.name)) return;
    socket.send(buildAnswer(query, records.get(query.name)), remote.port, remote.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, LOOPBACK, () => resolve());
  });
  const port = socket.address().port;
  let stopping: Promise<void> | undefined;
  return {
    address: `${LOOPBACK}:${port}`,
    port,
    queries: () => [...seen],
    stop() {
      stopping ??= new Promise<void>((resolve) => socket.close(() => resolve()));
      return stopping;
    },
  };
}

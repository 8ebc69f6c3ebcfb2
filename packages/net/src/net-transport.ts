/**
 * The network adapter of the probe engine: `ProbeTransport` on node:http(s), net, tls and dns, with a
 * small WebSocket client of our own. Every network problem comes back as a `NetworkFailure` value.
 */
import type { ProbeTransport } from '@shipgate/probes';
import { HttpAgents } from './http-agents.js';
import { resolveDns } from './dns-client.js';
import { sendHttpRequest } from './http-client.js';
import { connectTcp } from './tcp-client.js';
import { handshakeTls } from './tls-client.js';
import { exchangeWebSocket } from './websocket-client.js';

/** Options of {@link createNetTransport}. */
export interface NetTransportOptions {
  /** The clock timings are read from, in milliseconds. Default `performance.now`. */
  now?: () => number;
  /**
   * Extra CA certificates (PEM) trusted by https and wss verification, for services behind a private CA.
   * The TLS probe takes its own `ca` per request.
   */
  ca?: string | string[];
}

/** The transport, plus the means to release its keep-alive sockets. */
export interface NetTransport extends ProbeTransport {
  /** Destroys the keep-alive sockets. The transport stays usable: later requests open new ones. */
  close(): void;
  /** The same as `close()`, for `using transport = createNetTransport()`. */
  [Symbol.dispose](): void;
}

/**
 * Builds the transport. One instance should serve a whole run: its HTTP agents keep connections alive
 * between probes. Call `close()` at the end so idle sockets do not hold the process open.
 */
export function createNetTransport(options: NetTransportOptions = {}): NetTransport {
  const now = options.now ?? (() => performance.now());
  const ca = options.ca === undefined ? undefined : [options.ca].flat();
  const agents = new HttpAgents(ca);
  return {
    http: (request) => sendHttpRequest(agents, now, request),
    tcp: (request) => connectTcp(now, request),
    tls: (request) => handshakeTls(now, request),
    websocket: (request) => exchangeWebSocket(now, request, ca),
    dns: (request) => resolveDns(now, request),
    close: () => agents.destroy(),
    [Symbol.dispose]: () => agents.destroy(),
  };
}

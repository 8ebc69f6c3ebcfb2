/**
 * The HTTP(S) server probes are tested against: the routes of http-routes.ts, the `/items` API, and a
 * count of requests per path. Listens on 127.0.0.1, on a port the kernel picks.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { LOOPBACK } from '../services/free-port.js';
import type { Stoppable } from '../services/use-service.js';
import type { CertificatePair } from './certificates.js';
import { handleRoute } from './http-routes.js';
import { createItemsApi, sendJson } from './items-api.js';

/** Options of {@link startHttpTestServer}. */
export interface HttpTestServerOptions {
  /** When set, `/items` requires `authorization: Bearer <token>`. */
  token?: string;
}

/** A running test server. */
export interface HttpTestServer extends Stoppable {
  /** `http://127.0.0.1:<port>` or `https://...`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Requests received for `path` (pathname only), or in total without a path. */
  requests(path?: string): number;
  /** Client connections open right now. */
  openConnections(): number;
  /** Closes the server, every connection and pending timer. Idempotent. */
  stop(): Promise<void>;
}

/** Starts the plain HTTP variant. */
export function startHttpTestServer(options: HttpTestServerOptions = {}): Promise<HttpTestServer> {
  return listen(createHttpServer(), 'http', options);
}

/** Starts the HTTPS variant, serving `cert` (its `chainPem`, so a CA-issued certificate comes with its issuer). */
export function startHttpsTestServer(
  options: HttpTestServerOptions & { cert: CertificatePair },
): Promise<HttpTestServer> {
  return listen(createHttpsServer({ cert: options.cert.chainPem, key: options.cert.keyPem }), 'https', options);
}

async function listen(
  server: Server,
  scheme: 'http' | 'https',
  options: HttpTestServerOptions,
): Promise<HttpTestServer> {
  const counts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const items = createItemsApi(options.token);
  let open = 0;
  server.on(scheme === 'https' ? 'secureConnection' : 'connection', (socket: Socket) => {
    open++;
    socket.once('close', () => open--);
  });
  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', `${scheme}://${LOOPBACK}`);
    counts.set(url.pathname, (counts.get(url.pathname) ?? 0) + 1);
    const later = (ms: number, action: () => void) => {
      const timer = setTimeout(() => (timers.delete(timer), action()), ms);
      timers.add(timer);
    };
    if (items(req, res, url.pathname, body)) return;
    if (!handleRoute({ req, res, url, body, later, hits: counts.get(url.pathname) ?? 1 }))
      sendJson(res, 404, { error: `no route ${url.pathname}` });
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  // Clients that vanish mid-response are part of the tests; their socket errors are not failures.
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: 0 }, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;
  return {
    url: `${scheme}://${LOOPBACK}:${port}`,
    port,
    openConnections: () => open,
    requests: (path) =>
      path === undefined ? [...counts.values()].reduce((a, b) => a + b, 0) : (counts.get(path) ?? 0),
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}

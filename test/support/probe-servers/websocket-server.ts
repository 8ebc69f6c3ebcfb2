/**
 * A WebSocket server (the `ws` package) for the WebSocket probe: `/echo` echoes every message, `/silent`
 * never says anything, `/headers` sends the upgrade request's headers as JSON, `/close` closes at once with
 * code 4000, `/close-forged` closes with a reason that holds workflow commands on their own lines (as a hostile
 * server would), `/fragmented` pings then sends one message in two frames; other paths refuse the upgrade with
 * 403. With `cert`, it is a wss server.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { LOOPBACK } from '../services/free-port.js';
import type { Stoppable } from '../services/use-service.js';
import type { CertificatePair } from './certificates.js';

/** A running WebSocket server. */
export interface WebSocketTestServer extends Stoppable {
  /** `ws://127.0.0.1:<port>` or `wss://...`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Messages received so far, over all connections. */
  received(): string[];
  /** Close codes of the connections that have closed (1000 is a clean close by the client). */
  closeCodes(): number[];
  /** Pongs received, with their payloads. */
  pongs(): string[];
}

const conversations: Record<string, (socket: WebSocket, req: IncomingMessage, log: string[]) => void> = {
  '/echo': (socket, _req, log) =>
    socket.on('message', (data, isBinary) => (log.push(data.toString()), socket.send(data, { binary: isBinary }))),
  '/silent': (socket, _req, log) => socket.on('message', (data) => log.push(data.toString())),
  '/headers': (socket, req) => socket.send(JSON.stringify(req.headers)),
  '/close': (socket) => socket.close(4000, 'going away'),
  '/close-forged': (socket) =>
    socket.close(4001, 'bye\n::error::forged by the server\n::stop-commands::x1\n::add-mask::a'),
  // A ping, then one message in two fragments: the client must pong and reassemble.
  '/fragmented': (socket) => {
    socket.ping('are you there');
    socket.send('hello, ', { fin: false });
    socket.send('world', { fin: true });
  },
};

/** Starts the server; `cert` makes it wss. */
export async function startWebSocketServer(options: { cert?: CertificatePair } = {}): Promise<WebSocketTestServer> {
  const server: Server = options.cert
    ? createHttpsServer({ cert: options.cert.chainPem, key: options.cert.keyPem })
    : createHttpServer();
  const wss = new WebSocketServer({ noServer: true });
  const log: string[] = [];
  const closeCodes: number[] = [];
  const pongs: string[] = [];
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'ws://test').pathname;
    const conversation = conversations[path];
    if (!conversation)
      return void socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('close', (code) => closeCodes.push(code));
      ws.on('pong', (data) => pongs.push(data.toString()));
      conversation(ws, req, log);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: 0 }, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;
  return {
    url: `${options.cert ? 'wss' : 'ws'}://${LOOPBACK}:${port}`,
    port,
    received: () => [...log],
    closeCodes: () => [...closeCodes],
    pongs: () => [...pongs],
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}

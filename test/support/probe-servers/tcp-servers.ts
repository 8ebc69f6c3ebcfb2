/** TCP servers for the TCP probe: a line echo (with a Redis-like PING) and one that accepts and stays silent. */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { LOOPBACK } from '../services/free-port.js';
import type { Stoppable } from '../services/use-service.js';

/** A running TCP server. */
export interface TcpTestServer extends Stoppable {
  readonly host: string;
  readonly port: number;
  /** Connections accepted so far. */
  connections(): number;
}

/**
 * Echoes every line it receives (`hello\n` → `hello\n`), except `PING`, answered `+PONG\r\n` as Redis does,
 * and `QUIT`, answered `+OK\r\n` before it closes the connection.
 */
export function startTcpEchoServer(): Promise<TcpTestServer> {
  return start((socket) => {
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        const line = buffered.slice(0, end + 1);
        buffered = buffered.slice(end + 1);
        const command = line.trim();
        if (command === 'PING') socket.write('+PONG\r\n');
        else if (command === 'QUIT') socket.end('+OK\r\n');
        else socket.write(line);
      }
    });
  });
}

/** Accepts connections and never sends a byte. */
export function startSilentTcpServer(): Promise<TcpTestServer> {
  return start(() => undefined);
}

async function start(onConnection: (socket: Socket) => void): Promise<TcpTestServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: 0 }, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;
  return {
    host: LOOPBACK,
    port,
    connections: () => accepted,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return stopping;
    },
  };
}

import { createConnection, createServer } from 'node:net';
import { ServiceStartError } from './errors.js';

/** The only address the fixtures listen on. */
export const LOOPBACK = '127.0.0.1';

// Ports this process handed out recently: never give the same one to two fixtures of one worker.
const handedOut = new Set<number>();

/**
 * Asks the kernel for a free TCP port on 127.0.0.1 (bind to port 0, read it, close). Another process can
 * take the port before the service binds it; {@link withFreePort} retries that case.
 */
export async function getFreePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.unref();
      server.once('error', reject);
      server.listen({ host: LOOPBACK, port: 0, exclusive: true }, () => {
        const address = server.address();
        const found = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(found));
      });
    });
    if (port > 0 && !handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('Could not find a free port on 127.0.0.1 after 20 attempts');
}

/**
 * Starts a service on a free port, retrying with a new port (up to `attempts` times) when the start failed
 * because the port was taken meanwhile. With a fixed `port`, there is a single attempt.
 */
export async function withFreePort<T>(start: (port: number) => Promise<T>, port?: number, attempts = 3): Promise<T> {
  if (port !== undefined && port !== 0) return start(port);
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await getFreePort());
    } catch (error) {
      if (!(error instanceof ServiceStartError && error.portInUse) || attempt >= attempts) throw error;
    }
  }
}

/** True when something accepts TCP connections on `host:port` (checked within `timeoutMs`). */
export function isPortOpen(port: number, host = LOOPBACK, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Connects to `host:port` and resolves with the first line the server sends (e.g. an SSH banner), or
 * `undefined` when the connection fails or nothing arrives within `timeoutMs`.
 */
export function readBanner(port: number, host = LOOPBACK, timeoutMs = 1000): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    let data = '';
    const done = (line: string | undefined) => {
      socket.destroy();
      resolve(line);
    };
    socket.setEncoding('utf8');
    socket.setTimeout(timeoutMs, () => done(undefined));
    socket.on('data', (chunk: string) => {
      data += chunk;
      const end = data.indexOf('\n');
      if (end >= 0) done(data.slice(0, end).replace(/\r$/, ''));
    });
    socket.once('error', () => done(undefined));
    socket.once('end', () => done(undefined));
  });
}

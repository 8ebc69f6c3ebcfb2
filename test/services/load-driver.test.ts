import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { driveLoad } from '../support/services/index.js';

/**
 * An HTTP server that drops the connection (no answer) for the requests `drop` picks, by their number on their
 * connection; `dropped()` counts them.
 */
async function serverDropping(drop: (requestOnConnection: number) => boolean) {
  const counts = new WeakMap<object, number>();
  let dropped = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const n = (counts.get(req.socket) ?? 0) + 1;
    counts.set(req.socket, n);
    if (drop(n)) return void (dropped++, req.socket.destroy());
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, dropped: () => dropped };
}

const twenty = { ratePerSecond: 20, durationMs: 1_000 };

describe('driveLoad', () => {
  it('keep-alive: retries a GET once, on a new connection, when the server closed the reused one', async () => {
    // Every request that goes out on a reused connection is dropped; the retry's new connection is answered.
    const server = await serverDropping((n) => n >= 2);
    const result = await driveLoad({ url: server.url, ...twenty });
    expect(server.dropped()).toBeGreaterThan(0);
    expect({ retries: result.retries, networkErrors: result.networkErrors, errors: result.errors }).toEqual({
      retries: server.dropped(),
      networkErrors: 0,
      errors: [],
    });
    expect(result.responses.map((r) => r.status)).toEqual(Array(20).fill(200));
  });

  it('keep-alive: does not retry a request that failed on a new connection', async () => {
    const server = await serverDropping((n) => n === 1);
    const result = await driveLoad({ url: server.url, ...twenty });
    expect(result.retries).toBe(0);
    expect(result.networkErrors).toBe(20);
    expect(result.errors[0]).toMatch(/^ECONNRESET .* on a new connection \(sent at \d+ ms\)$/);
  });

  it('new connections: one connection per request, never retried', async () => {
    const server = await serverDropping((n) => n >= 2);
    const ok = await driveLoad({ url: server.url, ...twenty, connections: 'new' });
    expect(ok).toMatchObject({ retries: 0, networkErrors: 0 });
    expect(ok.responses).toHaveLength(20);
    expect(server.dropped()).toBe(0);
    const failing = await serverDropping(() => true);
    const dropped = await driveLoad({ url: failing.url, ...twenty, connections: 'new' });
    expect(dropped).toMatchObject({ retries: 0, networkErrors: 20 });
  });
});

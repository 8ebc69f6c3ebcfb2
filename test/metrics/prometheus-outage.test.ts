/**
 * The prometheus provider when Prometheus goes away or misbehaves: every case is a `MetricsFailure` whose
 * message names the URL and the cause, never an exception.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createPrometheusMetrics } from '@shipgate/metrics';
import { LOOPBACK, startAppServer, startPrometheus, useService } from '../support/services/index.js';

const context = { version: 'v2', stage: 2 };
const lastMinute = () => ({ fromMs: Date.now() - 60_000, toMs: Date.now() });

/** A TCP server on 127.0.0.1 that hands each connection to `onConnection`; closed when the test ends. */
async function rawServer(onConnection: (socket: Socket) => void): Promise<string> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen({ host: LOOPBACK, port: 0 }, resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  const address = server.address();
  return `http://${LOOPBACK}:${typeof address === 'object' && address ? address.port : 0}`;
}

describe('createPrometheusMetrics when Prometheus fails', () => {
  it('reports Prometheus dying mid-rollout as a metrics failure naming the URL and the cause', async () => {
    const app = await useService(startAppServer({ version: 'v2' }));
    const prometheus = await useService(startPrometheus({ targets: [app.address] }));
    const metrics = createPrometheusMetrics({
      url: prometheus.url,
      canary: { version: 'v2' },
      stable: { version: 'v1' },
    });
    expect(await metrics.collect(lastMinute(), context)).toMatchObject({ ok: true });

    await prometheus.stop();
    expect(await metrics.collect(lastMinute(), context)).toEqual({
      ok: false,
      source: 'prometheus',
      message: `Prometheus at ${prometheus.url} did not answer: connection refused (ECONNREFUSED).`,
    });
  });

  it('reports a Prometheus that does not answer in time', async () => {
    const url = await rawServer(() => undefined);
    const result = await createPrometheusMetrics({
      url,
      canary: { version: 'v2' },
      stable: { version: 'v1' },
      timeoutMs: 300,
    }).collect(lastMinute(), context);
    expect(result).toEqual({
      ok: false,
      source: 'prometheus',
      message: `Prometheus at ${url} did not answer: no answer within 300 ms.`,
    });
  });

  it('reports a connection closed without an answer', async () => {
    const url = await rawServer((socket) => socket.once('data', () => socket.destroy()));
    const result = await createPrometheusMetrics({ url, canary: { version: 'v2' }, stable: { version: 'v1' } }).collect(
      lastMinute(),
      context,
    );
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        new RegExp(
          `^Prometheus at ${url} did not answer: (connection closed by the server|connection reset) \\((UND_ERR_SOCKET|ECONNRESET)\\)\\.$`,
        ),
      ),
    });
  });

  it('reports an HTTP error from a proxy in front of Prometheus with its status and body', async () => {
    const url = await rawServer((socket) =>
      socket.once('data', () =>
        socket.end(
          'HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain\r\ncontent-length: 20\r\nconnection: close\r\n\r\nno healthy upstream\n',
        ),
      ),
    );
    const result = await createPrometheusMetrics({ url, canary: { version: 'v2' }, stable: { version: 'v1' } }).collect(
      lastMinute(),
      context,
    );
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^Prometheus at http:\/\/127\.0\.0\.1:\d+ answered the canary requests query ".*" with HTTP 503: no healthy upstream\.$/,
      ),
    });
  });
});

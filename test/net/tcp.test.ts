import { describe, expect, it } from 'vitest';
import type { TcpRequest } from '@shipgate/probes';
import { startSilentTcpServer, startTcpEchoServer } from '../support/probe-servers/index.js';
import { getFreePort } from '../support/services/free-port.js';
import { useService } from '../support/services/use-service.js';
import { expectFailure, expectOk, useTransport } from './net-fixtures.js';

const tcp = (port: number, overrides: Partial<TcpRequest> = {}): TcpRequest => ({
  host: '127.0.0.1',
  port,
  timeoutMs: 2_000,
  maxBytes: 64 * 1024,
  ...overrides,
});

describe('createNetTransport().tcp', () => {
  it('connects, and that is the whole probe without send or readUntil', async () => {
    const server = await useService(startSilentTcpServer());
    const timeoutMs = 60_000;
    const result = expectOk(await useTransport().tcp(tcp(server.port, { timeoutMs })));
    expect(result.received).toBe('');
    expect(result.connectMs).toBeGreaterThan(0);
    expect(result.totalMs).toBeGreaterThanOrEqual(result.connectMs);
    // Done once connected: it did not wait for the deadline (an ordering against the configured value).
    expect(result.totalMs).toBeLessThan(timeoutMs);
    expect(server.connections()).toBe(1);
  });

  it('sends PING and reads until +PONG', async () => {
    const server = await useService(startTcpEchoServer());
    const timeoutMs = 60_000;
    const result = expectOk(
      await useTransport().tcp(tcp(server.port, { send: 'PING\r\n', readUntil: (r) => r.includes('\r\n'), timeoutMs })),
    );
    expect(result.received).toBe('+PONG\r\n');
    // Done at the match: it did not wait for the deadline.
    expect(result.totalMs).toBeLessThan(timeoutMs);
  });

  it('reads until the peer closes', async () => {
    const server = await useService(startTcpEchoServer());
    const result = expectOk(
      await useTransport().tcp(tcp(server.port, { send: 'hello\nQUIT\n', readUntil: () => false })),
    );
    expect(result.received).toBe('hello\n+OK\r\n');
  });

  it('stops at maxBytes', async () => {
    const server = await useService(startTcpEchoServer());
    const result = expectOk(
      await useTransport().tcp(
        tcp(server.port, { send: `${'x'.repeat(100)}\n`, readUntil: () => false, maxBytes: 10 }),
      ),
    );
    expect(result.received).toBe('x'.repeat(10));
  });

  it('without readUntil, reads what arrives until the deadline and succeeds', async () => {
    const server = await useService(startTcpEchoServer());
    const result = expectOk(await useTransport().tcp(tcp(server.port, { send: 'hi\n', timeoutMs: 200 })));
    expect(result.received).toBe('hi\n');
    expect(result.totalMs).toBeGreaterThanOrEqual(199);
  });

  it('times out on a server that never says anything', async () => {
    const server = await useService(startSilentTcpServer());
    const failure = expectFailure(
      await useTransport().tcp(
        tcp(server.port, { send: 'PING\r\n', readUntil: (r) => r.includes('+PONG'), timeoutMs: 300 }),
      ),
    );
    expect(failure).toMatchObject({
      kind: 'timeout',
      message: `no expected reply from 127.0.0.1:${server.port} within 300 ms; received so far: ""`,
    });
  });

  it('times out when the reply never matches, quoting what was received', async () => {
    const server = await useService(startTcpEchoServer());
    const failure = expectFailure(
      await useTransport().tcp(
        tcp(server.port, { send: 'partial\n', readUntil: (r) => r.includes('+PONG'), timeoutMs: 300 }),
      ),
    );
    expect(failure).toMatchObject({
      kind: 'timeout',
      message: `no expected reply from 127.0.0.1:${server.port} within 300 ms; received so far: "partial\\n"`,
    });
  });

  it('truncates a long reception in the timeout message', async () => {
    const server = await useService(startTcpEchoServer());
    const failure = expectFailure(
      await useTransport().tcp(
        tcp(server.port, { send: `${'y'.repeat(500)}\n`, readUntil: () => false, timeoutMs: 200 }),
      ),
    );
    expect(failure.message).toMatch(/received so far: "y{200}…" \(first 200 of 501 characters\)$/);
  });

  it('fails on a refused port', async () => {
    const port = await getFreePort();
    const failure = expectFailure(await useTransport().tcp(tcp(port)));
    expect(failure).toMatchObject({
      kind: 'connection-refused',
      message: `connection refused by 127.0.0.1:${port} (ECONNREFUSED)`,
    });
  });
});

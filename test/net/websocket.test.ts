import { describe, expect, it } from 'vitest';
import type { WebSocketRequest } from '@shipgate/probes';
import { makeCertificate, startWebSocketServer } from '../support/probe-servers/index.js';
import { getFreePort } from '../support/services/free-port.js';
import { SETTLE_TIMEOUT_MS, pollUntil } from '../support/poll.js';
import { useService } from '../support/services/use-service.js';
import { expectFailure, expectOk, useTransport } from './net-fixtures.js';

const ws = (url: string, overrides: Partial<WebSocketRequest> = {}): WebSocketRequest => ({
  url,
  headers: {},
  timeoutMs: 2_000,
  awaitMessage: true,
  verifyTls: true,
  ...overrides,
});

describe('createNetTransport().websocket', () => {
  it('sends a message, receives the echo and closes cleanly', async () => {
    const server = await useService(startWebSocketServer());
    const result = expectOk(await useTransport().websocket(ws(`${server.url}/echo`, { send: 'hello ✓' })));
    expect(result.message).toBe('hello ✓');
    expect(result.connectMs).toBeGreaterThan(0);
    expect(result.messageMs).toBeGreaterThanOrEqual(result.connectMs);
    expect(result.totalMs).toBeGreaterThanOrEqual(result.messageMs as number);
    expect(server.received()).toEqual(['hello ✓']);
    await pollUntil(() => server.closeCodes().length > 0, {
      timeoutMs: SETTLE_TIMEOUT_MS,
      description: 'the connection to close',
    });
    expect(server.closeCodes()).toEqual([1000]);
  });

  it('echoes a message large enough for a 64-bit length', async () => {
    const server = await useService(startWebSocketServer());
    const big = 'z'.repeat(70_000);
    const result = expectOk(await useTransport().websocket(ws(`${server.url}/echo`, { send: big })));
    expect(result.message).toBe(big);
  });

  it('answers a ping and reassembles a fragmented message', async () => {
    const server = await useService(startWebSocketServer());
    const result = expectOk(await useTransport().websocket(ws(`${server.url}/fragmented`)));
    expect(result.message).toBe('hello, world');
    await pollUntil(() => server.pongs().length > 0, { timeoutMs: SETTLE_TIMEOUT_MS, description: 'a pong' });
    expect(server.pongs()).toEqual(['are you there']);
  });

  it('sends the probe headers with the upgrade', async () => {
    const server = await useService(startWebSocketServer());
    const result = expectOk(
      await useTransport().websocket(
        ws(`${server.url}/headers`, { headers: { authorization: 'Bearer abc', 'x-probe': '1' } }),
      ),
    );
    expect(JSON.parse(result.message as string)).toMatchObject({
      authorization: 'Bearer abc',
      'x-probe': '1',
      'sec-websocket-version': '13',
    });
  });

  it('is satisfied by the connection when not awaiting a message, and still delivers `send`', async () => {
    const server = await useService(startWebSocketServer());
    const result = expectOk(
      await useTransport().websocket(ws(`${server.url}/silent`, { awaitMessage: false, send: 'fire and forget' })),
    );
    expect(result.message).toBeUndefined();
    await pollUntil(() => server.received().includes('fire and forget'), {
      timeoutMs: SETTLE_TIMEOUT_MS,
      description: 'the server to receive the message',
    });
  });

  it('times out waiting for a message that never comes', async () => {
    const server = await useService(startWebSocketServer());
    // /silent never sends a message: only the deadline can end the wait.
    const failure = expectFailure(
      await useTransport().websocket(ws(`${server.url}/silent`, { send: 'anyone?', timeoutMs: 300 })),
    );
    expect(failure).toMatchObject({ kind: 'timeout', message: 'no WebSocket message within 300 ms' });
  });

  it('reports a server that closes before answering', async () => {
    const server = await useService(startWebSocketServer());
    const failure = expectFailure(await useTransport().websocket(ws(`${server.url}/close`)));
    expect(failure).toMatchObject({
      kind: 'connection-reset',
      message: 'the server closed the WebSocket (code 4000, "going away") before a message arrived',
    });
  });

  it('reports an upgrade the server refuses', async () => {
    const server = await useService(startWebSocketServer());
    const failure = expectFailure(await useTransport().websocket(ws(`${server.url}/nope`)));
    expect(failure).toMatchObject({
      kind: 'protocol',
      message: `${server.url}/nope answered HTTP 403 instead of switching to WebSocket (101)`,
    });
  });

  it('reports a refused port', async () => {
    const port = await getFreePort();
    const failure = expectFailure(await useTransport().websocket(ws(`ws://127.0.0.1:${port}/`)));
    expect(failure.kind).toBe('connection-refused');
  });

  it('over wss, rejects a self-signed certificate and accepts it with verification off', async () => {
    const cert = makeCertificate({ commonName: 'localhost', altNames: ['127.0.0.1'], selfSigned: true });
    const server = await useService(startWebSocketServer({ cert }));
    const transport = useTransport();
    const failure = expectFailure(await transport.websocket(ws(`${server.url}/echo`, { send: 'x' })));
    expect(failure).toMatchObject({
      kind: 'tls',
      message: `TLS certificate of 127.0.0.1:${server.port} rejected: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)`,
    });
    const result = expectOk(
      await transport.websocket(ws(`${server.url}/echo`, { send: 'secure hello', verifyTls: false })),
    );
    expect(result.message).toBe('secure hello');
  });
});

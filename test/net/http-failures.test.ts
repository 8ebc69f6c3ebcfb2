import { describe, expect, it } from 'vitest';
import { startHttpTestServer } from '../support/probe-servers/index.js';
import { getFreePort } from '../support/services/free-port.js';
import { useService } from '../support/services/use-service.js';
import { SETTLE_TIMEOUT_MS, pollUntil } from '../support/poll.js';
import { expectFailure, expectOk, get, useTransport } from './net-fixtures.js';

const MB = 1024 * 1024;

describe('createNetTransport().http failures', () => {
  it('gives up on a server that never answers at the deadline and drops the socket', async () => {
    const server = await useService(startHttpTestServer());
    const transport = useTransport();
    // Warm a kept-alive socket first: the hang then happens on a reused socket, which must not be retried.
    expectOk(await transport.http(get(`${server.url}/ok`)));
    // /hang never answers: only the deadline can end this request.
    const failure = expectFailure(await transport.http(get(`${server.url}/hang`, { timeoutMs: 300 })));
    expect(failure).toMatchObject({ kind: 'timeout', message: 'no response within 300 ms' });
    expect(failure.elapsedMs).toBeGreaterThanOrEqual(299);
    await pollUntil(() => server.openConnections() === 0, {
      timeoutMs: SETTLE_TIMEOUT_MS,
      description: 'the hung connection to close',
    });
    expect(server.requests('/hang')).toBe(1);
  });

  it('gives up on a body that does not finish in time', async () => {
    const server = await useService(startHttpTestServer());
    const bodyMs = 60_000;
    const failure = expectFailure(
      await useTransport().http(get(`${server.url}/slow-body?ms=${bodyMs}`, { timeoutMs: 300 })),
    );
    expect(failure).toMatchObject({ kind: 'timeout', message: 'body not complete within 300 ms' });
    // Before the server would have finished the body: the deadline ended it, not the server.
    expect(failure.elapsedMs).toBeLessThan(bodyMs);
  });

  it('counts the deadline across redirects', async () => {
    const server = await useService(startHttpTestServer());
    const url = `${server.url}/redirect/to?url=${encodeURIComponent('/slow?ms=400')}`;
    const failure = expectFailure(await useTransport().http(get(url, { timeoutMs: 250, followRedirects: true })));
    expect(failure).toMatchObject({ kind: 'timeout', message: 'no response within 250 ms' });
  });

  it('stops reading a streamed body past maxBodyBytes', async () => {
    const server = await useService(startHttpTestServer());
    const failure = expectFailure(await useTransport().http(get(`${server.url}/big?mb=50`, { maxBodyBytes: MB })));
    expect(failure).toMatchObject({ kind: 'body-too-large', message: `response body exceeded ${MB} bytes` });
    await pollUntil(() => server.openConnections() === 0, {
      timeoutMs: SETTLE_TIMEOUT_MS,
      description: 'the streaming connection to close',
    });
  });

  it('refuses a declared content-length above maxBodyBytes without reading it', async () => {
    const server = await useService(startHttpTestServer());
    const failure = expectFailure(
      await useTransport().http(get(`${server.url}/big?mb=50&declare=1`, { maxBodyBytes: MB })),
    );
    expect(failure).toMatchObject({ kind: 'body-too-large', message: `response body exceeded ${MB} bytes` });
  });

  it('reports a connection closed mid-body', async () => {
    const server = await useService(startHttpTestServer());
    const failure = expectFailure(await useTransport().http(get(`${server.url}/close`)));
    expect(failure.kind).toBe('connection-reset');
    expect(failure.message).toMatch(/^connection closed before the response completed/);
  });

  it('reports a connection closed before any response', async () => {
    const server = await useService(startHttpTestServer());
    const failure = expectFailure(
      await useTransport().http(get(`${server.url}/close?when=immediately`, { method: 'POST', body: 'x' })),
    );
    expect(failure.kind).toBe('connection-reset');
    expect(failure.message).toMatch(/^connection closed before the response completed/);
  });

  it('retries an idempotent request once when a kept-alive socket turns out closed', async () => {
    const server = await useService(startHttpTestServer());
    const transport = useTransport();
    const url = `${server.url}/once-per-connection`;
    expect(expectOk(await transport.http(get(url))).status).toBe(200);
    const retried = expectOk(await transport.http(get(url)));
    expect(retried.status).toBe(200);
    expect(retried.timings.connectMs).toBeDefined();
    expect(server.requests('/once-per-connection')).toBe(3);
    // A POST is not repeated (the server may have acted on it): on the used socket it fails.
    expect(expectFailure(await transport.http(get(url, { method: 'POST', body: '{}' }))).kind).toBe('connection-reset');
    expect(server.requests('/once-per-connection')).toBe(4);
  });

  it('reports a refused connection', async () => {
    const port = await getFreePort();
    const failure = expectFailure(await useTransport().http(get(`http://127.0.0.1:${port}/`)));
    expect(failure).toMatchObject({
      kind: 'connection-refused',
      message: `connection refused by 127.0.0.1:${port} (ECONNREFUSED)`,
    });
  });

  it('reports a name that does not resolve', async () => {
    const failure = expectFailure(await useTransport().http(get('http://no-such-host.invalid/')));
    expect(failure.kind).toBe('dns');
    expect(failure.message).toMatch(/^could not resolve no-such-host\.invalid: .+\((ENOTFOUND|EAI_AGAIN)\)$/);
  });

  it('reports a response that is not HTTP', async () => {
    const server = await useService(startHttpTestServer());
    const failure = expectFailure(await useTransport().http(get(`${server.url}/malformed`)));
    expect(failure.kind).toBe('protocol');
    expect(failure.message).toMatch(
      new RegExp(`^malformed HTTP response from 127\\.0\\.0\\.1:${server.port}: .+ \\(HPE_[A-Z_]+\\)$`),
    );
  });

  it('close() drops the kept-alive sockets and the transport stays usable', async () => {
    const server = await useService(startHttpTestServer());
    const transport = useTransport();
    expectOk(await transport.http(get(`${server.url}/ok`)));
    transport.close();
    // After close() the next probe connects afresh.
    const again = expectOk(await transport.http(get(`${server.url}/ok`)));
    expect(again.timings.connectMs).toBeDefined();
    expect(server.requests('/ok')).toBe(2);
  });
});

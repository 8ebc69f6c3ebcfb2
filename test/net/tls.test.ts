import { describe, expect, it } from 'vitest';
import type { TlsRequest } from '@shipgate/probes';
import {
  makeCa,
  makeCertificate,
  startHttpsTestServer,
  startSilentTcpServer,
  startHttpTestServer,
} from '../support/probe-servers/index.js';
import { getFreePort } from '../support/services/free-port.js';
import { useService } from '../support/services/use-service.js';
import { expectFailure, expectOk, useTransport } from './net-fixtures.js';

const DAY_MS = 86_400_000;
const ca = makeCa({ commonName: 'Probe Test Root' });
const tls = (port: number, overrides: Partial<TlsRequest> = {}): TlsRequest => ({
  host: '127.0.0.1',
  port,
  timeoutMs: 2_000,
  ...overrides,
});

describe('createNetTransport().tls', () => {
  it('reports a trusted chain: validity, names, chain and timings', async () => {
    const notAfter = new Date(Date.now() + 20 * DAY_MS);
    notAfter.setUTCMilliseconds(0);
    const cert = makeCertificate({
      commonName: 'api.test',
      altNames: ['api.test', 'www.api.test', '127.0.0.1'],
      issuer: ca,
      notAfter,
    });
    const server = await useService(startHttpsTestServer({ cert }));
    const result = expectOk(await useTransport().tls(tls(server.port, { servername: 'api.test', ca: ca.certPem })));
    expect(result).toMatchObject({ authorized: true, hostnameMatches: true, protocol: 'TLSv1.3' });
    expect(result.authorizationError).toBeUndefined();
    expect(result.certificate).toMatchObject({
      subject: 'CN=api.test, O=Shipgate Tests',
      issuer: 'CN=Probe Test Root, O=Shipgate Tests',
      validTo: notAfter.toISOString(),
      subjectAltNames: ['api.test', 'www.api.test', '127.0.0.1'],
    });
    expect(result.certificate.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const daysLeft = (Date.parse(result.certificate.validTo) - Date.now()) / DAY_MS;
    expect(daysLeft).toBeGreaterThan(19.9);
    expect(daysLeft).toBeLessThan(20.1);
    expect(result.chain.map((c) => c.subject)).toEqual([
      'CN=api.test, O=Shipgate Tests',
      'CN=Probe Test Root, O=Shipgate Tests',
    ]);
    expect(result.chain[0]).toEqual(result.certificate);
    expect(result.tlsMs).toBeGreaterThanOrEqual(result.connectMs);
    expect(result.connectMs).toBeGreaterThan(0);
  });

  it('inspects an expired certificate instead of refusing it', async () => {
    const cert = makeCertificate({
      commonName: 'localhost',
      altNames: ['127.0.0.1'],
      issuer: ca,
      notAfter: new Date(Date.now() - 2 * DAY_MS),
    });
    const server = await useService(startHttpsTestServer({ cert }));
    const result = expectOk(await useTransport().tls(tls(server.port, { ca: ca.certPem })));
    expect(result).toMatchObject({ authorized: false, authorizationError: 'CERT_HAS_EXPIRED', hostnameMatches: true });
    expect(Date.parse(result.certificate.validTo)).toBeLessThan(Date.now());
  });

  it('reports a self-signed certificate and a name it does not cover', async () => {
    const cert = makeCertificate({ commonName: 'localhost', altNames: ['localhost'], selfSigned: true });
    const server = await useService(startHttpsTestServer({ cert }));
    const result = expectOk(await useTransport().tls(tls(server.port)));
    expect(result).toMatchObject({
      authorized: false,
      authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      hostnameMatches: false,
      hostnameError: "hostname 127.0.0.1 does not match the certificate's names: localhost",
    });
    expect(result.chain).toHaveLength(1);
    expect(result.certificate.issuer).toBe(result.certificate.subject);
    const byName = expectOk(await useTransport().tls(tls(server.port, { host: 'localhost' })));
    expect(byName.hostnameMatches).toBe(true);
  });

  it('reports a chain whose root it does not trust', async () => {
    const cert = makeCertificate({ commonName: 'localhost', altNames: ['127.0.0.1'], issuer: ca });
    const server = await useService(startHttpsTestServer({ cert }));
    const result = expectOk(await useTransport().tls(tls(server.port)));
    expect(result).toMatchObject({
      authorized: false,
      authorizationError: 'SELF_SIGNED_CERT_IN_CHAIN',
      hostnameMatches: true,
    });
    expect(result.chain).toHaveLength(2);
  });

  it('fails on a refused port, a server that is not TLS, and a silent one', async () => {
    const transport = useTransport();
    const port = await getFreePort();
    expect(expectFailure(await transport.tls(tls(port)))).toMatchObject({ kind: 'connection-refused' });
    const plain = await useService(startHttpTestServer());
    const notTls = expectFailure(await transport.tls(tls(plain.port)));
    expect(notTls.kind).toBe('tls');
    expect(notTls.message).toMatch(/^TLS handshake with 127\.0\.0\.1:\d+ failed: /);
    // The silent server never answers: only the deadline can end the handshake.
    const silent = await useService(startSilentTcpServer());
    const timeout = expectFailure(await transport.tls(tls(silent.port, { timeoutMs: 300 })));
    expect(timeout).toMatchObject({
      kind: 'timeout',
      message: `TLS handshake with 127.0.0.1:${silent.port} not complete within 300 ms`,
    });
  });
});

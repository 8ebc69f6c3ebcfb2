import { describe, expect, it } from 'vitest';
import { makeCa, makeCertificate, startHttpsTestServer, startHttpTestServer } from '../support/probe-servers/index.js';
import { useService } from '../support/services/use-service.js';
import { expectFailure, expectOk, get, useTransport } from './net-fixtures.js';

const DAY_MS = 86_400_000;
const ca = makeCa();
const valid = makeCertificate({ commonName: 'localhost', altNames: ['localhost', '127.0.0.1'], issuer: ca });

describe('createNetTransport().http over TLS', () => {
  it('verifies a chain from a trusted CA and times the handshake', async () => {
    const server = await useService(startHttpsTestServer({ cert: valid }));
    const transport = useTransport({ ca: ca.certPem });
    const response = expectOk(await transport.http(get(`${server.url}/ok`)));
    expect(response.status).toBe(200);
    const { connectMs, tlsMs, firstByteMs } = response.timings;
    expect(tlsMs).toBeGreaterThan(connectMs as number);
    expect(firstByteMs).toBeGreaterThanOrEqual(tlsMs as number);
    // Kept alive: the second request skips connect and handshake.
    const second = expectOk(await transport.http(get(`${server.url}/ok`)));
    expect([second.timings.connectMs, second.timings.tlsMs]).toEqual([undefined, undefined]);
  });

  it.each([
    [
      'an expired',
      { notBefore: new Date(Date.now() - 30 * DAY_MS), notAfter: new Date(Date.now() - DAY_MS) },
      'certificate has expired (CERT_HAS_EXPIRED)',
    ],
    [
      'a not-yet-valid',
      { notBefore: new Date(Date.now() + DAY_MS), notAfter: new Date(Date.now() + 30 * DAY_MS) },
      'certificate is not yet valid (CERT_NOT_YET_VALID)',
    ],
  ])('rejects %s certificate, then accepts it with verification off', async (_name, validity, reason) => {
    const cert = makeCertificate({ commonName: 'localhost', altNames: ['127.0.0.1'], issuer: ca, ...validity });
    const server = await useService(startHttpsTestServer({ cert }));
    const transport = useTransport({ ca: ca.certPem });
    const failure = expectFailure(await transport.http(get(`${server.url}/ok`)));
    expect(failure).toMatchObject({
      kind: 'tls',
      message: `TLS certificate of 127.0.0.1:${server.port} rejected: ${reason}`,
    });
    expect(expectOk(await transport.http(get(`${server.url}/ok`, { verifyTls: false }))).status).toBe(200);
  });

  it('rejects a self-signed certificate', async () => {
    const cert = makeCertificate({ commonName: 'localhost', altNames: ['127.0.0.1'], selfSigned: true });
    const server = await useService(startHttpsTestServer({ cert }));
    const failure = expectFailure(await useTransport().http(get(`${server.url}/ok`)));
    expect(failure).toMatchObject({
      kind: 'tls',
      message: `TLS certificate of 127.0.0.1:${server.port} rejected: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)`,
    });
  });

  it('rejects a certificate from an unknown CA', async () => {
    const server = await useService(startHttpsTestServer({ cert: valid }));
    const failure = expectFailure(await useTransport().http(get(`${server.url}/ok`)));
    expect(failure.kind).toBe('tls');
    expect(failure.message).toMatch(
      /rejected: self-signed certificate in the chain \(untrusted root\) \(SELF_SIGNED_CERT_IN_CHAIN\)$/,
    );
  });

  it('rejects a certificate for another name, naming the names it covers', async () => {
    const cert = makeCertificate({ commonName: 'localhost', altNames: ['localhost'], issuer: ca });
    const server = await useService(startHttpsTestServer({ cert }));
    const transport = useTransport({ ca: ca.certPem });
    const failure = expectFailure(await transport.http(get(`${server.url}/ok`)));
    expect(failure).toMatchObject({
      kind: 'tls',
      message: `TLS certificate of 127.0.0.1:${server.port} rejected: hostname 127.0.0.1 does not match the certificate's names: localhost (ERR_TLS_CERT_ALTNAME_INVALID)`,
    });
    expect(expectOk(await transport.http(get(`https://localhost:${server.port}/ok`))).status).toBe(200);
  });

  it('reports a plain-HTTP server answering a TLS client as a TLS failure', async () => {
    const server = await useService(startHttpTestServer());
    const failure = expectFailure(await useTransport().http(get(`${server.url.replace('http:', 'https:')}/ok`)));
    expect(failure).toMatchObject({
      kind: 'tls',
      message: `TLS handshake with 127.0.0.1:${server.port} failed: the server closed the connection during the handshake; is it speaking TLS? (ECONNRESET)`,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS, startHttpTestServer } from '../support/probe-servers/index.js';
import { useService } from '../support/services/use-service.js';
import { expectOk, get, useTransport } from './net-fixtures.js';

describe('createNetTransport().http', () => {
  it('returns status, lower-cased headers, the body and plausible timings', async () => {
    const server = await useService(startHttpTestServer());
    const response = expectOk(await useTransport().http(get(`${server.url}/ok`)));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
    expect(response.bodyBytes).toBe(Buffer.byteLength(response.body));
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.url).toBe(`${server.url}/ok`);
    expect(response.redirects).toEqual([]);
    const { dnsMs, connectMs, tlsMs, firstByteMs, totalMs } = response.timings;
    // An IP literal needs no lookup, and plain HTTP no handshake.
    expect(dnsMs).toBeUndefined();
    expect(tlsMs).toBeUndefined();
    expect(connectMs).toBeGreaterThan(0);
    expect(firstByteMs).toBeGreaterThanOrEqual(connectMs as number);
    expect(totalMs).toBeGreaterThanOrEqual(firstByteMs);
  });

  it('measures the wait for the first byte', async () => {
    const server = await useService(startHttpTestServer());
    const response = expectOk(await useTransport().http(get(`${server.url}/slow?ms=50`)));
    expect(response.timings.firstByteMs).toBeGreaterThanOrEqual(50);
    expect(response.timings.totalMs).toBeGreaterThanOrEqual(response.timings.firstByteMs);
  });

  it('times the name lookup when the URL names a host', async () => {
    const server = await useService(startHttpTestServer());
    const response = expectOk(await useTransport().http(get(`http://localhost:${server.port}/ok`)));
    expect(response.timings.dnsMs).toBeGreaterThanOrEqual(0);
    expect(response.timings.connectMs).toBeGreaterThanOrEqual(response.timings.dnsMs as number);
  });

  it('reuses the connection: a second request has no connect time', async () => {
    const server = await useService(startHttpTestServer());
    const transport = useTransport();
    expectOk(await transport.http(get(`${server.url}/ok`)));
    const second = expectOk(await transport.http(get(`${server.url}/json`)));
    expect(second.timings.connectMs).toBeUndefined();
    expect(second.timings.firstByteMs).toBeGreaterThan(0);
    expect(JSON.parse(second.body)).toMatchObject({ service: { name: 'probe-target' }, meta: { count: 2 } });
  });

  it('sends method, headers and a body with its content-length', async () => {
    const server = await useService(startHttpTestServer());
    const request = get(`${server.url}/echo?x=1`, {
      method: 'PUT',
      headers: { 'X-Probe': 'yes', 'content-type': 'text/plain' },
      body: 'héllo',
    });
    const echoed = JSON.parse(expectOk(await useTransport().http(request)).body) as {
      method: string;
      path: string;
      headers: Record<string, string>;
      body: string;
    };
    expect(echoed).toMatchObject({ method: 'PUT', path: '/echo?x=1', body: 'héllo' });
    expect(echoed.headers).toMatchObject({
      'x-probe': 'yes',
      'content-length': '6',
      'user-agent': 'shipgate-synthetic-probes',
    });
  });

  it('joins repeated headers with ", " and set-cookie with a newline', async () => {
    const server = await useService(startHttpTestServer());
    const { headers } = expectOk(await useTransport().http(get(`${server.url}/set-cookies`)));
    expect(headers['x-multi']).toBe('one, two');
    expect(headers['set-cookie']).toBe('a=1; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT\nb=2; HttpOnly');
  });

  it('reports error statuses and odd bodies as responses, not failures', async () => {
    const server = await useService(startHttpTestServer());
    const transport = useTransport();
    expect(expectOk(await transport.http(get(`${server.url}/status/503`))).status).toBe(503);
    const noContent = expectOk(await transport.http(get(`${server.url}/status/204`)));
    expect([noContent.status, noContent.body, noContent.bodyBytes]).toEqual([204, '', 0]);
    const invalid = expectOk(await transport.http(get(`${server.url}/invalid-json`)));
    expect(invalid.headers['content-type']).toBe('application/json');
    expect(() => JSON.parse(invalid.body)).toThrow();
    const missing = expectOk(await transport.http(get(`${server.url}/nowhere`)));
    expect(missing.status).toBe(404);
  });

  it('sees the security headers where they are set', async () => {
    const server = await useService(startHttpTestServer());
    const transport = useTransport();
    const secure = expectOk(await transport.http(get(`${server.url}/secure-headers`)));
    expect(secure.headers).toMatchObject(SECURITY_HEADERS);
    const bare = expectOk(await transport.http(get(`${server.url}/no-secure-headers`)));
    for (const name of Object.keys(SECURITY_HEADERS)) expect(bare.headers[name]).toBeUndefined();
  });

  it('runs a create, read, delete flow against the items API with a bearer token', async () => {
    const server = await useService(startHttpTestServer({ token: 's3cret' }));
    const transport = useTransport();
    const auth = { authorization: 'Bearer s3cret' };
    expect(expectOk(await transport.http(get(`${server.url}/items`))).status).toBe(401);
    const created = expectOk(
      await transport.http(
        get(`${server.url}/items`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: '{"name":"probe"}',
        }),
      ),
    );
    expect(created.status).toBe(201);
    const item = JSON.parse(created.body) as { id: string; name: string };
    expect(item.name).toBe('probe');
    expect(created.headers['location']).toBe(`/items/${item.id}`);
    expect(created.headers['etag']).toMatch(/^".+"$/);
    const read = expectOk(await transport.http(get(`${server.url}${created.headers['location']}`, { headers: auth })));
    expect([read.status, JSON.parse(read.body)]).toEqual([200, item]);
    expect(
      expectOk(await transport.http(get(`${server.url}/items/${item.id}`, { method: 'DELETE', headers: auth }))).status,
    ).toBe(204);
    expect(expectOk(await transport.http(get(`${server.url}/items/${item.id}`, { headers: auth }))).status).toBe(404);
    expect(server.requests('/items')).toBe(2);
  });

  it('serves many concurrent probes over a handful of kept-alive sockets', async () => {
    const server = await useService(startHttpTestServer());
    const transport = useTransport();
    const responses = await Promise.all(Array.from({ length: 200 }, () => transport.http(get(`${server.url}/ok`))));
    expect(responses.every((r) => r.ok && r.status === 200)).toBe(true);
    const connected = responses.filter((r) => r.ok && r.timings.connectMs !== undefined).length;
    expect(connected).toBeLessThanOrEqual(32);
    expect(server.requests('/ok')).toBe(200);
  });
});

import { describe, expect, it } from 'vitest';
import { startHttpTestServer } from '../support/probe-servers/index.js';
import { useService } from '../support/services/use-service.js';
import { expectFailure, expectOk, get, useTransport } from './net-fixtures.js';

interface Echo {
  method: string;
  headers: Record<string, string>;
  body: string;
}

const to = (base: string, target: string, status = 302) =>
  `${base}/redirect/to?status=${status}&url=${encodeURIComponent(target)}`;

describe('createNetTransport().http redirects', () => {
  it('returns the redirect itself when not following', async () => {
    const server = await useService(startHttpTestServer());
    const response = expectOk(await useTransport().http(get(`${server.url}/redirect/chain?n=2`)));
    expect(response.status).toBe(302);
    expect(response.headers['location']).toBe('chain?n=1&status=302');
    expect(response.redirects).toEqual([]);
  });

  it('follows a chain of relative locations and lists every hop', async () => {
    const server = await useService(startHttpTestServer());
    const response = expectOk(
      await useTransport().http(get(`${server.url}/redirect/chain?n=3`, { followRedirects: true })),
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok', chain: 'done' });
    const hops = [2, 1, 0].map((n) => `${server.url}/redirect/chain?n=${n}&status=302`);
    expect(response.redirects).toEqual(hops);
    expect(response.url).toBe(hops[2]);
    expect(response.timings.totalMs).toBeGreaterThanOrEqual(response.timings.firstByteMs);
  });

  it('fails past maxRedirects', async () => {
    const server = await useService(startHttpTestServer());
    const failure = expectFailure(
      await useTransport().http(get(`${server.url}/redirect/chain?n=4`, { followRedirects: true, maxRedirects: 3 })),
    );
    expect(failure).toMatchObject({
      kind: 'too-many-redirects',
      message: `more than 3 redirects (the last one to ${server.url}/redirect/chain?n=0&status=302)`,
    });
  });

  it('detects a loop and names the URL visited twice', async () => {
    const server = await useService(startHttpTestServer());
    const failure = expectFailure(
      await useTransport().http(get(`${server.url}/redirect/loop`, { followRedirects: true, maxRedirects: 10 })),
    );
    expect(failure).toMatchObject({
      kind: 'redirect-loop',
      message: `redirect loop: ${server.url}/redirect/loop-b redirects back to ${server.url}/redirect/loop, visited before`,
    });
    expect(server.requests('/redirect/loop')).toBe(1);
    expect(server.requests('/redirect/loop-b')).toBe(1);
  });

  it.each([301, 302])('turns a POST into a GET without body on %i', async (status) => {
    const server = await useService(startHttpTestServer());
    const request = get(to(server.url, '/echo', status), {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
      followRedirects: true,
    });
    const echo = JSON.parse(expectOk(await useTransport().http(request)).body) as Echo;
    expect(echo).toMatchObject({ method: 'GET', body: '' });
    expect(echo.headers['content-type']).toBeUndefined();
    expect(echo.headers['content-length']).toBeUndefined();
  });

  it('turns a PUT into a GET on 303', async () => {
    const server = await useService(startHttpTestServer());
    const request = get(to(server.url, '/echo', 303), { method: 'PUT', body: 'x', followRedirects: true });
    expect(JSON.parse(expectOk(await useTransport().http(request)).body)).toMatchObject({ method: 'GET', body: '' });
  });

  it.each([307, 308])('keeps method and body on %i', async (status) => {
    const server = await useService(startHttpTestServer());
    const request = get(to(server.url, '/echo', status), { method: 'POST', body: 'payload', followRedirects: true });
    expect(JSON.parse(expectOk(await useTransport().http(request)).body)).toMatchObject({
      method: 'POST',
      body: 'payload',
    });
  });

  it('keeps the probe headers on the same origin and drops every one of them for another', async () => {
    const server = await useService(startHttpTestServer());
    const other = await useService(startHttpTestServer());
    const transport = useTransport();
    const headers = { authorization: 'Bearer t', 'x-keep': 'yes', 'x-api-key': 'k-secret' };
    const same = JSON.parse(
      expectOk(await transport.http(get(to(server.url, '/echo'), { headers, followRedirects: true }))).body,
    ) as Echo;
    expect(same.headers).toMatchObject({ authorization: 'Bearer t', 'x-keep': 'yes' });
    const cross = JSON.parse(
      expectOk(await transport.http(get(to(server.url, `${other.url}/echo`), { headers, followRedirects: true }))).body,
    ) as Echo;
    expect(cross.headers['authorization']).toBeUndefined();
    expect(cross.headers['x-api-key']).toBeUndefined();
    expect(cross.headers['x-keep']).toBeUndefined();
  });

  it('refuses a redirect to another protocol', async () => {
    const server = await useService(startHttpTestServer());
    const failure = expectFailure(
      await useTransport().http(get(to(server.url, 'ftp://example.com/file'), { followRedirects: true })),
    );
    expect(failure).toMatchObject({
      kind: 'protocol',
      message: 'redirect to unsupported protocol ftp: (ftp://example.com/file)',
    });
  });
});

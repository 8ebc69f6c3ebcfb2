import { describe, expect, it } from 'vitest';
import { collectHeaders, redirectHeaders } from '@shipgate/net';
import { redirectMethod, resolveLocation } from '@shipgate/net';
import { parseSubjectAltNames } from '@shipgate/net';
import { encodeFrame, FrameReader, Opcode } from '@shipgate/net';
import { buildAnswer, ipv6Bytes, parseQuery } from '../support/probe-servers/dns-message.js';

describe('collectHeaders', () => {
  it('lower-cases names and joins repeats', () => {
    expect(collectHeaders(['X-A', '1', 'x-a', '2', 'Set-Cookie', 'a=1, b', 'set-cookie', 'c=2'])).toEqual({
      'x-a': '1, 2',
      'set-cookie': 'a=1, b\nc=2',
    });
  });
});

describe('redirectHeaders', () => {
  it('drops every probe header across origins, and body headers when the body goes', () => {
    const headers = { Authorization: 'x', Cookie: 'c', 'Content-Type': 'text/plain', Accept: '*/*', 'X-Api-Key': 'k' };
    expect(redirectHeaders(headers, false, false)).toEqual({});
    expect(redirectHeaders(headers, true, true)).toEqual({
      Authorization: 'x',
      Cookie: 'c',
      Accept: '*/*',
      'X-Api-Key': 'k',
    });
    expect(redirectHeaders(headers, true, false)).toBe(headers);
  });
});

describe('resolveLocation', () => {
  it('refuses a downgrade from https to http', () => {
    expect(resolveLocation('http://example.com/x', new URL('https://example.com/'))).toMatch(
      /^redirect from https to plain http refused/,
    );
    expect(resolveLocation('/x', new URL('https://example.com/'))).toEqual(new URL('https://example.com/x'));
  });

  it('follows a downgrade the probe allows', () => {
    expect(resolveLocation('http://example.com/x', new URL('https://example.com/'), { allowDowngrade: true })).toEqual(
      new URL('http://example.com/x'),
    );
  });
});

describe('redirectMethod', () => {
  it('follows the fetch rules', () => {
    expect([
      redirectMethod(303, 'DELETE'),
      redirectMethod(303, 'HEAD'),
      redirectMethod(302, 'POST'),
      redirectMethod(302, 'PUT'),
      redirectMethod(307, 'POST'),
    ]).toEqual(['GET', 'HEAD', 'GET', 'PUT', 'POST']);
  });
});

describe('resolveLocation', () => {
  it('resolves relative locations and drops fragments', () => {
    expect((resolveLocation('../b?x=1#frag', new URL('http://h/a/c')) as URL).href).toBe('http://h/b?x=1');
    expect(resolveLocation('http://[bad', new URL('http://h/'))).toMatch(/^redirect to an invalid location/);
  });
});

describe('parseSubjectAltNames', () => {
  it('keeps the names, unquoting the ones Node quotes', () => {
    expect(
      parseSubjectAltNames('DNS:a.example, IP Address:10.0.0.1, DNS:"b,c.example", IP Address:2001:DB8:0:0:0:0:0:1'),
    ).toEqual(['a.example', '10.0.0.1', 'b,c.example', '2001:DB8:0:0:0:0:0:1']);
    expect(parseSubjectAltNames(undefined)).toEqual([]);
  });
});

describe('FrameReader', () => {
  it('reads masked frames of every length encoding, split across chunks', () => {
    const reader = new FrameReader(1 << 20);
    const sizes = [5, 300, 70_000];
    const bytes = Buffer.concat(sizes.map((n) => encodeFrame(Opcode.binary, Buffer.alloc(n, 7))));
    for (let i = 0; i < bytes.length; i += 999) reader.push(bytes.subarray(i, i + 999));
    const frames = sizes.map(() => reader.next());
    expect(
      frames.map((f) =>
        typeof f === 'object' ? [f.opcode, f.payload.byteLength, f.payload.every((b) => b === 7)] : f,
      ),
    ).toEqual(sizes.map((n) => [Opcode.binary, n, true]));
    expect(reader.next()).toBeUndefined();
  });

  it('refuses a frame above the limit', () => {
    const reader = new FrameReader(10);
    reader.push(encodeFrame(Opcode.text, Buffer.alloc(11)));
    expect(reader.next()).toBe('WebSocket frame of 11 bytes exceeded 10 bytes');
  });
});

describe('dns-message', () => {
  it('expands IPv6 addresses', () => {
    expect(ipv6Bytes('2001:db8::1').toString('hex')).toBe('20010db8000000000000000000000001');
    expect(ipv6Bytes('::').toString('hex')).toBe('0'.repeat(32));
  });

  it('answers with a compression pointer to the question', () => {
    const query = Buffer.from('abcd01000001000000000000' + '03617069' + '0474657374' + '00' + '0001' + '0001', 'hex');
    const parsed = parseQuery(query);
    expect(parsed).toMatchObject({ id: 0xabcd, name: 'api.test', type: 1 });
    const answer = buildAnswer(parsed as NonNullable<typeof parsed>, ['10.1.2.3']);
    expect(answer.readUInt16BE(2)).toBe(0x8580);
    expect(answer.readUInt16BE(6)).toBe(1);
    expect(answer.subarray(query.length).toString('hex')).toBe(
      'c00c' + '0001' + '0001' + '0000003c' + '0004' + '0a010203',
    );
  });
});

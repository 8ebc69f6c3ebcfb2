import { describe, expect, it } from 'vitest';
import type { DnsRequest } from '@shipgate/probes';
import { startDnsServer } from '../support/probe-servers/index.js';
import { useService } from '../support/services/use-service.js';
import { expectFailure, expectOk, useTransport } from './net-fixtures.js';

const records = { 'api.test': ['10.1.2.3', '10.1.2.4', '2001:db8::1'], 'v4only.test': ['192.0.2.7'] };
const dns = (name: string, overrides: Partial<DnsRequest> = {}): DnsRequest => ({
  name,
  record: 'A',
  timeoutMs: 1_000,
  ...overrides,
});

describe('createNetTransport().dns', () => {
  it('resolves A records with the given server', async () => {
    const server = await useService(startDnsServer({ records }));
    const result = expectOk(await useTransport().dns(dns('api.test', { server: server.address })));
    expect(result.addresses).toEqual(['10.1.2.3', '10.1.2.4']);
    expect(result.durationMs).toBeGreaterThan(0);
    expect(server.queries()).toEqual(['1 api.test']);
  });

  it('resolves AAAA records, names case-insensitively', async () => {
    const server = await useService(startDnsServer({ records }));
    const result = expectOk(await useTransport().dns(dns('API.Test', { record: 'AAAA', server: server.address })));
    expect(result.addresses).toEqual(['2001:db8::1']);
  });

  it('reports a name the server does not know (NXDOMAIN)', async () => {
    const server = await useService(startDnsServer({ records }));
    const failure = expectFailure(await useTransport().dns(dns('missing.test', { server: server.address })));
    expect(failure).toMatchObject({
      kind: 'dns',
      message: `could not resolve A missing.test with DNS server ${server.address}: name does not exist (ENOTFOUND)`,
    });
  });

  it('reports a name without records of the asked type', async () => {
    const server = await useService(startDnsServer({ records }));
    const failure = expectFailure(
      await useTransport().dns(dns('v4only.test', { record: 'AAAA', server: server.address })),
    );
    expect(failure).toMatchObject({
      kind: 'dns',
      message: `could not resolve AAAA v4only.test with DNS server ${server.address}: name has no records of this type (ENODATA)`,
    });
  });

  it('reports a server that does not answer, within the timeout', async () => {
    const server = await useService(startDnsServer({ records, silent: ['slow.test'] }));
    // The server never answers slow.test: only the deadline can end the lookup.
    const failure = expectFailure(
      await useTransport().dns(dns('slow.test', { server: server.address, timeoutMs: 300 })),
    );
    expect(failure).toMatchObject({
      kind: 'dns',
      message: `could not resolve A slow.test with DNS server ${server.address}: no answer within 300 ms (ETIMEOUT)`,
    });
    expect(failure.elapsedMs).toBeGreaterThanOrEqual(299);
  });

  it('rejects a server address that is not one', async () => {
    const failure = expectFailure(await useTransport().dns(dns('api.test', { server: 'dns.example:53' })));
    expect(failure.kind).toBe('dns');
    expect(failure.message).toMatch(/^invalid DNS server "dns\.example:53"/);
  });

  it('looks up localhost with the system resolver', async () => {
    const result = expectOk(await useTransport().dns(dns('localhost')));
    expect(result.addresses).toContain('127.0.0.1');
  });

  it('reports a name the system resolver cannot find', async () => {
    const failure = expectFailure(await useTransport().dns(dns('no-such-host.invalid')));
    expect(failure.kind).toBe('dns');
    expect(failure.message).toMatch(
      /^could not resolve A no-such-host\.invalid with the system resolver: .+ \((ENOTFOUND|EAI_AGAIN)\)$/,
    );
  });
});

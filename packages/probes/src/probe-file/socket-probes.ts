/** Probes below HTTP: tcp (connect, send, read), tls (certificate), websocket (send, receive) and dns. */
import type { DnsProbe, ProbeCommon, TcpProbe, TlsProbe, WebSocketProbe } from '../model.js';
import type { DefinitionContext, KeyPath } from './definition-context.js';
import { textExpectationsAt } from './expectations.js';
import { headersAt, mergeHeaders } from './http-request.js';
import { hostAt, isIpv4, isIpv6, resolverAt, webSocketUrlAt } from './values.js';

/** Days a certificate must still be valid for, unless the probe says. */
export const DEFAULT_MIN_DAYS = 14;

type Common = Omit<ProbeCommon, 'kind'>;

/** A tcp probe: connect, optionally send text and check the reply. */
export function tcpProbeAt(
  ctx: DefinitionContext,
  path: KeyPath,
  raw: Record<string, unknown>,
  common: Common,
): TcpProbe {
  const probe: TcpProbe = {
    ...common,
    kind: 'tcp',
    host: hostAt(ctx, [...path, 'host'], raw.host),
    port: Number(raw.port),
    expect: textExpectationsAt(ctx, [...path, 'expect'], raw.expect),
  };
  return raw.send === undefined ? probe : { ...probe, send: ctx.text([...path, 'send'], raw.send) };
}

/** A tls probe: the certificate's chain, hostname and days left. */
export function tlsProbeAt(
  ctx: DefinitionContext,
  path: KeyPath,
  raw: Record<string, unknown>,
  common: Common,
): TlsProbe {
  const probe: TlsProbe = {
    ...common,
    kind: 'tls',
    host: hostAt(ctx, [...path, 'host'], raw.host),
    port: typeof raw.port === 'number' ? raw.port : 443,
    minDaysRemaining: typeof raw['min-days'] === 'number' ? raw['min-days'] : DEFAULT_MIN_DAYS,
    verifyHostname: raw['verify-hostname'] !== false,
  };
  if (raw.servername !== undefined) probe.servername = hostAt(ctx, [...path, 'servername'], raw.servername);
  if (raw.ca !== undefined) {
    probe.ca = ctx.text([...path, 'ca'], raw.ca, { secret: true });
    if (!probe.ca.includes('-----BEGIN CERTIFICATE-----')) {
      ctx.fail(
        [...path, 'ca'],
        'is not a PEM certificate: it should hold -----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----',
      );
    }
  }
  return probe;
}

/** A websocket probe: connect, optionally send a message and check the first reply. */
export function webSocketProbeAt(
  ctx: DefinitionContext,
  path: KeyPath,
  raw: Record<string, unknown>,
  common: Common,
  defaultHeaders: Readonly<Record<string, string>>,
): WebSocketProbe {
  const probe: WebSocketProbe = {
    ...common,
    kind: 'websocket',
    url: webSocketUrlAt(ctx, [...path, 'url'], raw.url),
    headers: mergeHeaders(defaultHeaders, headersAt(ctx, [...path, 'headers'], raw.headers)),
    expect: textExpectationsAt(ctx, [...path, 'expect'], raw.expect),
    verifyTls: raw['tls-verify'] !== false,
  };
  return raw.send === undefined ? probe : { ...probe, send: ctx.text([...path, 'send'], raw.send) };
}

/** A dns probe: the name must resolve, to every expected address when some are given. */
export function dnsProbeAt(
  ctx: DefinitionContext,
  path: KeyPath,
  raw: Record<string, unknown>,
  common: Common,
): DnsProbe {
  const host = hostAt(ctx, [...path, 'host'], raw.host);
  const record = raw.record === 'AAAA' ? 'AAAA' : 'A';
  const addresses = (Array.isArray(raw.expect) ? raw.expect : []).map((item: unknown, index) => {
    const at = [...path, 'expect', index];
    const address = ctx.text(at, item).trim();
    const valid = record === 'A' ? isIpv4(address) : isIpv6(address);
    if (!valid)
      ctx.fail(
        at,
        `'${address}' is not an ${record === 'A' ? 'IPv4' : 'IPv6'} address, which an ${record} record holds`,
      );
    return address;
  });
  const probe: DnsProbe = { ...common, kind: 'dns', host, record, expectAddresses: addresses };
  return raw.server === undefined ? probe : { ...probe, server: resolverAt(ctx, [...path, 'server'], raw.server) };
}

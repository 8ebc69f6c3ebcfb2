/**
 * Turns what node:net, http, tls and dns throw into a failure kind and one precise sentence. The error's
 * `code` decides; the message names the peer and keeps the code so an operator can search it.
 */
import type { NetworkFailureKind } from '@shipgate/probes';
import { certificateNames, describeTlsCode, isTlsCode } from './tls-reasons.js';

/** A classified failure, before it gets its elapsed time. */
export interface FailureReason {
  kind: NetworkFailureKind;
  message: string;
}

interface NodeError {
  code?: string;
  message?: string;
  hostname?: string;
  host?: string;
  cert?: { subjectaltname?: string; subject?: Record<string, unknown> };
}

/** Resolver and getaddrinfo codes in words. */
const DNS_CODES: Record<string, string> = {
  ENOTFOUND: 'name does not exist',
  ENODATA: 'name has no records of this type',
  EAI_AGAIN: 'temporary failure in name resolution',
  EAI_FAIL: 'name resolution failed permanently',
  EAI_NODATA: 'name has no addresses',
  EAI_NONAME: 'name does not exist',
  ETIMEOUT: 'the DNS server did not answer in time',
  ESERVFAIL: 'the DNS server failed to answer (SERVFAIL)',
  EREFUSED: 'the DNS server refused the query',
  ECONNREFUSED: 'the DNS server refused the connection',
  EBADRESP: 'the DNS server sent a malformed reply',
  EFORMERR: 'the DNS server could not parse the query',
  ENOTIMP: 'the DNS server does not implement this query',
  EBADNAME: 'the name is not a valid domain name',
  ECANCELLED: 'the query was cancelled',
};

/** "name does not exist (ENOTFOUND)" for a resolver error code. */
export function describeDnsCode(code: string | undefined): string {
  if (code === undefined) return 'name resolution failed';
  return `${DNS_CODES[code] ?? 'name resolution failed'} (${code})`;
}

function tlsMessage(error: NodeError, target: string): string {
  const code = error.code ?? 'TLS';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = certificateNames(error.cert).join(', ') || 'none';
    return `TLS certificate of ${target} rejected: hostname ${error.host ?? '(unknown)'} does not match the certificate's names: ${names} (${code})`;
  }
  if (code.startsWith('ERR_SSL_'))
    return `TLS handshake with ${target} failed: ${describeTlsCode(code, error.message)}`;
  return `TLS certificate of ${target} rejected: ${describeTlsCode(code, error.message)}`;
}

/** Classifies a socket-level error of a connection to `target` (`host:port`). */
export function classifySocketError(error: unknown, target: string): FailureReason {
  const e = (error ?? {}) as NodeError;
  const code = e.code;
  const detail = e.message ?? String(error);
  if (code === 'ECONNRESET' && detail.includes('before secure TLS connection was established')) {
    return {
      kind: 'tls',
      message: `TLS handshake with ${target} failed: the server closed the connection during the handshake; is it speaking TLS? (ECONNRESET)`,
    };
  }
  if (code === 'ECONNREFUSED')
    return { kind: 'connection-refused', message: `connection refused by ${target} (ECONNREFUSED)` };
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
    return { kind: 'connection-reset', message: `connection closed before the response completed (${code})` };
  }
  if (
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN' ||
    code === 'EAI_FAIL' ||
    code === 'EAI_NODATA' ||
    code === 'EAI_NONAME'
  ) {
    const host = e.hostname ?? target.replace(/:\d+$/, '');
    return { kind: 'dns', message: `could not resolve ${host}: ${describeDnsCode(code)}` };
  }
  if (code?.startsWith('HPE_'))
    return {
      kind: 'protocol',
      message: `malformed HTTP response from ${target}: ${detail.replace(/^Parse Error: /, '')} (${code})`,
    };
  if (isTlsCode(code)) return { kind: 'tls', message: tlsMessage(e, target) };
  if (code === 'ETIMEDOUT')
    return { kind: 'timeout', message: `connection to ${target} timed out in the operating system (ETIMEDOUT)` };
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return { kind: 'other', message: `${target} is unreachable (${code})` };
  return { kind: 'other', message: `network error talking to ${target}: ${detail}${code ? ` (${code})` : ''}` };
}

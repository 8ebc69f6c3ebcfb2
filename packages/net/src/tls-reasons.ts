/**
 * OpenSSL's verification codes in words, so a failed probe says "certificate has expired" rather than
 * `CERT_HAS_EXPIRED`. Codes: https://docs.openssl.org/3.0/man1/openssl-verify/#diagnostics
 */

const REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain (untrusted root)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate (unknown issuer or incomplete chain)',
  UNABLE_TO_GET_ISSUER_CERT: 'issuer certificate not found',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'issuer certificate is not trusted (unknown local issuer)',
  CERT_SIGNATURE_FAILURE: 'certificate signature is invalid',
  CERT_REVOKED: 'certificate has been revoked',
  CERT_UNTRUSTED: 'certificate is not trusted',
  CERT_REJECTED: 'certificate was rejected',
  INVALID_CA: 'an issuer in the chain is not a valid CA',
  INVALID_PURPOSE: 'certificate is not valid for TLS server authentication',
  PATH_LENGTH_EXCEEDED: 'certificate chain is longer than its CA allows',
  HOSTNAME_MISMATCH: "hostname does not match the certificate's names",
  ERR_TLS_CERT_ALTNAME_INVALID: "hostname does not match the certificate's names",
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server did not answer with TLS (wrong version number)',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: 'the server refused the handshake (no common protocol or cipher)',
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'the server does not support our TLS version',
  ERR_SSL_UNSUPPORTED_PROTOCOL: 'the server only offers an unsupported TLS version',
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'the server does not trust our client certificate',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'the server did not answer with TLS (packet too long)',
};

/** Verification codes and `ERR_SSL_*` codes that mean a TLS problem rather than a network one. */
export function isTlsCode(code: string | undefined): boolean {
  if (code === undefined) return false;
  return (
    code in REASONS || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || /CERT|_SIGNED_|ISSUER/.test(code)
  );
}

/** "certificate has expired (CERT_HAS_EXPIRED)"; unknown codes keep OpenSSL's own message. */
export function describeTlsCode(code: string, fallback?: string): string {
  const words = REASONS[code] ?? fallback?.split(';')[0]?.trim() ?? 'TLS verification failed';
  return `${words} (${code})`;
}

/** The names a certificate covers, from `subjectaltname` or, failing that, its common name. */
export function certificateNames(
  cert: { subjectaltname?: string; subject?: Record<string, unknown> } | undefined,
): string[] {
  const sans = parseSubjectAltNames(cert?.subjectaltname);
  if (sans.length > 0) return sans;
  const cn = cert?.subject?.['CN'];
  return typeof cn === 'string' ? [cn] : [];
}

/**
 * Parses Node's `subjectaltname` ("DNS:a.example, IP Address:10.0.0.1, DNS:\"b,c\"") into the names alone:
 * `['a.example', '10.0.0.1', 'b,c']`. Node quotes values that contain separators as JSON strings.
 */
export function parseSubjectAltNames(text: string | undefined): string[] {
  if (!text) return [];
  const names: string[] = [];
  const entry = /\s*([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:,|$)/gy;
  for (let match = entry.exec(text); match !== null && match[0] !== ''; match = entry.exec(text)) {
    const value = match[2] ?? '';
    names.push(value.startsWith('"') ? (JSON.parse(value) as string) : value.trim());
  }
  return names;
}

/** Certificates as Node's `getPeerCertificate()` gives them, turned into what a probe reports. */
import type { DetailedPeerCertificate, PeerCertificate } from 'node:tls';
import type { CertificateInfo } from '@shipgate/probes';
import { parseSubjectAltNames } from './tls-reasons.js';

/** "CN=api.example.com, O=Example" from Node's name object (values may repeat, as arrays). */
export function formatName(name: Record<string, string | string[] | undefined> | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .flatMap(([key, value]) =>
      value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => `${key}=${v}`),
    )
    .join(', ');
}

/** OpenSSL's "Jan  1 00:00:00 2030 GMT" as ISO 8601 (the text itself when it does not parse). */
export function isoDate(text: string): string {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}

/** One certificate as the probe reports it. */
export function describeCertificate(cert: PeerCertificate): CertificateInfo {
  return {
    subject: formatName(cert.subject as unknown as Record<string, string | string[]>),
    issuer: formatName(cert.issuer as unknown as Record<string, string | string[]>),
    validFrom: isoDate(cert.valid_from),
    validTo: isoDate(cert.valid_to),
    subjectAltNames: parseSubjectAltNames(cert.subjectaltname),
    fingerprint256: cert.fingerprint256,
  };
}

/**
 * The chain from the leaf up, following `issuerCertificate` until a certificate issues itself (Node links a
 * root to itself) or the link is missing. Guarded by fingerprint, so a malformed chain cannot loop.
 */
export function walkChain(leaf: DetailedPeerCertificate): CertificateInfo[] {
  const chain: CertificateInfo[] = [];
  const seen = new Set<string>();
  for (
    let cert: DetailedPeerCertificate | undefined = leaf;
    cert && cert.fingerprint256 && !seen.has(cert.fingerprint256);
  ) {
    seen.add(cert.fingerprint256);
    chain.push(describeCertificate(cert));
    cert = cert.issuerCertificate === cert ? undefined : cert.issuerCertificate;
  }
  return chain;
}

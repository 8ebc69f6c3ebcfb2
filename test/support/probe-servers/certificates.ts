/**
 * Test certificates made with node-forge: a small CA and server certificates that are valid, expired, not
 * yet valid, self-signed or issued for another name. Keys come from node:crypto (RSA 2048 in ~25 ms, where
 * forge takes seconds) and are cached per process: OpenSSL 3's default security level refuses smaller RSA
 * keys, so "small and fast" is not an option.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

/** A certificate and its private key, PEM-encoded. */
export interface CertificatePair {
  certPem: string;
  keyPem: string;
  /** The certificate followed by its issuer's (what a server should send); the certificate alone when self-signed. */
  chainPem: string;
}

/** A CA that can issue certificates; trust it with the TLS probe's `ca`. */
export interface CertificateAuthority extends CertificatePair {
  readonly commonName: string;
}

/** Options of {@link makeCertificate}. */
export interface CertificateOptions {
  commonName: string;
  /** DNS names and IP addresses for subjectAltName. Default: the common name. */
  altNames?: string[];
  /** Default: one day ago. */
  notBefore?: Date;
  /** Default: 90 days from now. */
  notAfter?: Date;
  /** The CA that signs it; without one (or with `selfSigned`), the certificate signs itself. */
  issuer?: CertificateAuthority;
  selfSigned?: boolean;
}

const DAY_MS = 86_400_000;
const keys = new Map<
  string,
  { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string }
>();

/** One cached RSA 2048 key per role, so a test file pays for key generation twice at most. */
function keyFor(role: 'ca' | 'leaf') {
  let key = keys.get(role);
  if (!key) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const forgeKey = forge.pki.privateKeyFromPem(pem);
    key = { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), pem };
    keys.set(role, key);
  }
  return key;
}

function build(options: CertificateOptions & { ca: boolean }): CertificatePair {
  const key = keyFor(options.ca ? 'ca' : 'leaf');
  const cert = forge.pki.createCertificate();
  cert.publicKey = key.publicKey;
  // A positive serial: the first byte's high bit clear.
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = options.notAfter ?? new Date(Date.now() + 90 * DAY_MS);
  const subject = [
    { name: 'commonName', value: options.commonName },
    { name: 'organizationName', value: 'Shipgate Tests' },
  ];
  cert.setSubject(subject);
  const issuer = options.selfSigned || options.ca ? undefined : options.issuer;
  cert.setIssuer(issuer ? forge.pki.certificateFromPem(issuer.certPem).subject.attributes : subject);
  const altNames = (options.altNames ?? [options.commonName]).map((name) =>
    isIP(name) ? { type: 7, ip: name } : { type: 2, value: name },
  );
  cert.setExtensions(
    options.ca
      ? [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
          { name: 'subjectKeyIdentifier' },
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
          { name: 'extKeyUsage', serverAuth: true },
          { name: 'subjectAltName', altNames },
          { name: 'subjectKeyIdentifier' },
        ],
  );
  cert.sign(issuer ? keyFor('ca').privateKey : key.privateKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  return { certPem, keyPem: key.pem, chainPem: issuer ? `${certPem}${issuer.certPem}` : certPem };
}

/** A CA certificate (self-signed, `cA: true`) valid from yesterday for ten years. */
export function makeCa(options: { commonName?: string } = {}): CertificateAuthority {
  const commonName = options.commonName ?? 'Shipgate Test CA';
  return { commonName, ...build({ commonName, ca: true, notAfter: new Date(Date.now() + 3650 * DAY_MS) }) };
}

/** A server certificate; see {@link CertificateOptions} for the defaults. */
export function makeCertificate(options: CertificateOptions): CertificatePair {
  return build({ ...options, ca: false });
}

/**
 * The keep-alive agents of one transport: one for http, one for verified https, one for unverified https.
 * Created on first use and reused for every request, so a suite of probes against one server pays the
 * connect and handshake once per socket rather than once per request.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { rootCertificates } from 'node:tls';

/** Sockets kept per origin: enough for the engine's concurrency without flooding a small service. */
const MAX_SOCKETS_PER_ORIGIN = 32;
/** Idle sockets are closed after this long (the server's `Keep-Alive: timeout` hint wins when shorter). */
const IDLE_SOCKET_MS = 4_000;

/** The agents of one transport. */
export class HttpAgents {
  /** `ca` extends the trusted roots of verified https (see {@link trustedCas}). */
  constructor(private readonly ca: string[] | undefined) {}

  private plain: HttpAgent | undefined;
  private verified: HttpsAgent | undefined;
  private unverified: HttpsAgent | undefined;

  /** The agent for a URL's protocol (`http:` or `https:`) and verification setting. */
  agentFor(protocol: string, verifyTls: boolean): HttpAgent {
    const options = {
      keepAlive: true,
      maxSockets: MAX_SOCKETS_PER_ORIGIN,
      timeout: IDLE_SOCKET_MS,
      scheduling: 'lifo' as const,
    };
    if (protocol === 'http:') return (this.plain ??= new HttpAgent(options));
    if (verifyTls)
      return (this.verified ??= new HttpsAgent({ ...options, rejectUnauthorized: true, ...trustedCas(this.ca) }));
    return (this.unverified ??= new HttpsAgent({ ...options, rejectUnauthorized: false }));
  }

  /** Destroys every socket; later requests create fresh agents. */
  destroy(): void {
    for (const agent of [this.plain, this.verified, this.unverified]) agent?.destroy();
    this.plain = this.verified = this.unverified = undefined;
  }
}

/**
 * TLS options that trust `ca` in addition to Node's bundled roots (`ca` alone would replace them), or
 * nothing when there is no extra CA.
 */
export function trustedCas(ca: readonly string[] | undefined): { ca?: string[] } {
  return ca === undefined || ca.length === 0 ? {} : { ca: [...rootCertificates, ...ca] };
}

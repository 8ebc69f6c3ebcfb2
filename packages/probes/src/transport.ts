/**
 * The probe engine's only window on the network. Domain code never opens a socket: it asks this port, and
 * `packages/net` implements it with node:http, net, tls, dns and WebSocket. A network failure is a value
 * (`NetworkFailure`), not an exception: a probe that cannot connect is an expected outcome.
 */

/** Why a network exchange failed. `retryable` kinds are the only ones a probe retries. */
export type NetworkFailureKind =
  | 'timeout'
  | 'connection-refused'
  | 'connection-reset'
  | 'dns'
  | 'tls'
  | 'body-too-large'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'protocol'
  | 'other';

/** Kinds worth retrying: the network may behave next time; a bad certificate or a loop will not. */
export const RETRYABLE_FAILURES: ReadonlySet<NetworkFailureKind> = new Set([
  'timeout',
  'connection-refused',
  'connection-reset',
  'dns',
  'protocol',
  'other',
]);

/** A failed exchange: what went wrong, in one sentence, and how far it got. */
export interface NetworkFailure {
  ok: false;
  kind: NetworkFailureKind;
  /** Human-readable and precise: "no response within 2000 ms", "certificate has expired (notAfter 2026-01-01)". */
  message: string;
  /** Milliseconds from start until the failure. */
  elapsedMs: number;
}

/** Timing phases of an HTTP exchange, in milliseconds from the start of the request. */
export interface HttpTimings {
  /** Name resolution; absent for IP literals and reused connections. */
  dnsMs?: number;
  /** TCP connect; absent for reused connections. */
  connectMs?: number;
  /** TLS handshake; absent for plain HTTP and reused connections. */
  tlsMs?: number;
  /** Time to the first byte of the response (status line). */
  firstByteMs: number;
  /** Time to the last byte of the body. */
  totalMs: number;
}

/** One HTTP request, fully resolved (no templates). */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Follow 3xx responses with a Location header (up to `maxRedirects`). */
  followRedirects: boolean;
  maxRedirects: number;
  /** Follow a redirect from https to plain http; without it, such a redirect is a `protocol` failure. */
  allowDowngrade?: boolean;
  /** Verify the server certificate (chain and hostname). */
  verifyTls: boolean;
  /** Stop reading and fail with `body-too-large` past this many bytes. */
  maxBodyBytes: number;
}

/** A received HTTP response. */
export interface HttpResponse {
  ok: true;
  status: number;
  /** Lower-cased names; repeated headers joined with ", " (set-cookie with "\n"). */
  headers: Record<string, string>;
  /** The body decoded as UTF-8. */
  body: string;
  bodyBytes: number;
  /** The URL that answered, after redirects. */
  url: string;
  /** Each URL redirected to, in order. */
  redirects: string[];
  timings: HttpTimings;
}

/** A TCP connect, with an optional exchange of bytes. */
export interface TcpRequest {
  host: string;
  port: number;
  timeoutMs: number;
  /** Text to send after connecting. */
  send?: string;
  /** Keep reading until this returns true for what was received so far, the peer closes, or the timeout. */
  readUntil?: (received: string) => boolean;
  maxBytes: number;
}

export interface TcpResult {
  ok: true;
  connectMs: number;
  /** What the peer sent (UTF-8), when we waited for it. */
  received: string;
  totalMs: number;
}

/** A TLS handshake to inspect the certificate. */
export interface TlsRequest {
  host: string;
  port: number;
  /** SNI and the name the certificate must match; defaults to `host`. */
  servername?: string;
  timeoutMs: number;
  /** Extra trusted CA certificates (PEM), for private CAs. */
  ca?: string;
}

/** A certificate as the probe reports it. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** ISO 8601. */
  validFrom: string;
  validTo: string;
  subjectAltNames: string[];
  fingerprint256: string;
}

export interface TlsResult {
  ok: true;
  /** Chain verified against the trusted roots. */
  authorized: boolean;
  /** Why not, in OpenSSL's words (`CERT_HAS_EXPIRED`, `SELF_SIGNED_CERT_IN_CHAIN`, ...). */
  authorizationError?: string;
  /** The certificate matches `servername` (checked whatever `authorized` says). */
  hostnameMatches: boolean;
  hostnameError?: string;
  certificate: CertificateInfo;
  /** The chain from the leaf up, as the server sent it. */
  chain: CertificateInfo[];
  protocol: string;
  connectMs: number;
  tlsMs: number;
}

/** A WebSocket connection with an optional message sent and the first reply awaited. */
export interface WebSocketRequest {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  send?: string;
  /** Wait for a message (the reply); when false, connecting is enough. */
  awaitMessage: boolean;
  verifyTls: boolean;
}

export interface WebSocketResult {
  ok: true;
  connectMs: number;
  /** The first message received (text; binary decoded as UTF-8), when awaited. */
  message?: string;
  messageMs?: number;
  totalMs: number;
}

/** A name lookup. */
export interface DnsRequest {
  name: string;
  record: 'A' | 'AAAA';
  /** A resolver to ask (`host:port`) instead of the system's lookup (/etc/hosts, then DNS). */
  server?: string;
  timeoutMs: number;
}

export interface DnsResult {
  ok: true;
  addresses: string[];
  durationMs: number;
}

/** The port the engine uses for every kind of probe. */
export interface ProbeTransport {
  http(request: HttpRequest): Promise<HttpResponse | NetworkFailure>;
  tcp(request: TcpRequest): Promise<TcpResult | NetworkFailure>;
  tls(request: TlsRequest): Promise<TlsResult | NetworkFailure>;
  websocket(request: WebSocketRequest): Promise<WebSocketResult | NetworkFailure>;
  dns(request: DnsRequest): Promise<DnsResult | NetworkFailure>;
}

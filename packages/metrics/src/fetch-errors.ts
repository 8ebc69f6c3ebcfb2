/**
 * Turns what `fetch` throws into a few words a person can act on: "connection refused (ECONNREFUSED)",
 * "no answer within 5000 ms". Node's fetch (undici) wraps the socket error in `TypeError: fetch failed`.
 */

const SOCKET_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'the response body stalled',
  CERT_HAS_EXPIRED: 'TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate could not be verified',
};

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Describes a failed `fetch` call; `timeoutMs` is the deadline its abort signal had. */
export function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  // AggregateError: every address of a host refused (happy eyeballs); the first says enough.
  const inner = cause instanceof AggregateError ? cause.errors[0] : cause;
  const code = codeOf(inner) ?? codeOf(cause) ?? codeOf(error);
  if (code !== undefined) return `${SOCKET_CODES[code] ?? (inner instanceof Error ? inner.message : code)} (${code})`;
  if (inner instanceof Error) return inner.message;
  return error instanceof Error ? error.message : String(error);
}

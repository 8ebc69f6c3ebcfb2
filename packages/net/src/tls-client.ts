/**
 * The TLS client: a handshake that accepts any certificate, so a bad one can be inspected and reported
 * rather than only refused: whether the chain verifies, whether the name matches, and the chain itself.
 */
import { isIP } from 'node:net';
import { checkServerIdentity, connect } from 'node:tls';
import type { NetworkFailure, TlsRequest, TlsResult } from '@shipgate/probes';
import { describeCertificate, walkChain } from './certificate-info.js';
import { roundMs, runExchange, type Now } from './exchange.js';
import { trustedCas } from './http-agents.js';
import { classifySocketError } from './socket-errors.js';
import { certificateNames, describeTlsCode } from './tls-reasons.js';

/**
 * Connects to `host:port`, completes the handshake within `timeoutMs` and reports the certificate. A
 * certificate that fails verification is a result (`authorized: false`), not a failure; failing to connect
 * or to complete the handshake is.
 */
export function handshakeTls(now: Now, request: TlsRequest): Promise<TlsResult | NetworkFailure> {
  const target = `${request.host}:${request.port}`;
  const servername = request.servername ?? request.host;
  let connectMs: number | undefined;
  return runExchange<TlsResult>(
    {
      now,
      timeoutMs: request.timeoutMs,
      timeoutMessage: () =>
        connectMs === undefined
          ? `could not connect to ${target} within ${request.timeoutMs} ms`
          : `TLS handshake with ${target} not complete within ${request.timeoutMs} ms`,
    },
    (x) => {
      const socket = connect({
        host: request.host,
        port: request.port,
        // SNI must be a host name (RFC 6066 section 3); Node warns when it is given an IP address.
        ...(isIP(servername) ? {} : { servername }),
        rejectUnauthorized: false,
        ...trustedCas(request.ca === undefined ? undefined : [request.ca]),
      });
      let inspected = false;
      // After a successful inspection the connection is closed politely (close_notify); otherwise torn down.
      x.onEnd(() => (inspected ? socket.end() : socket.destroy()));
      socket.once('connect', () => void (connectMs = roundMs(x.elapsed())));
      socket.once('secureConnect', () => {
        const tlsMs = roundMs(x.elapsed());
        const leaf = socket.getPeerCertificate(true);
        if (!leaf || Object.keys(leaf).length === 0)
          return x.fail('tls', `${target} completed the handshake without a certificate`);
        const hostnameError = checkServerIdentity(servername, leaf);
        const code = verificationCode(socket.authorizationError as unknown);
        inspected = true;
        x.succeed({
          ok: true,
          authorized: socket.authorized,
          ...(code === undefined ? {} : { authorizationError: code }),
          hostnameMatches: hostnameError === undefined,
          ...(hostnameError === undefined
            ? {}
            : {
                hostnameError: `hostname ${servername} does not match the certificate's names: ${certificateNames(leaf).join(', ') || 'none'}`,
              }),
          certificate: describeCertificate(leaf),
          chain: walkChain(leaf),
          protocol: socket.getProtocol() ?? 'unknown',
          connectMs: connectMs ?? tlsMs,
          tlsMs,
        });
      });
      socket.on('error', (error) => {
        const reason = classifySocketError(error, target);
        if (reason.kind !== 'other') return x.fail(reason.kind, reason.message);
        const code = (error as { code?: string }).code;
        x.fail(
          'tls',
          `TLS handshake with ${target} failed: ${code ? describeTlsCode(code, error.message) : error.message}`,
        );
      });
    },
  );
}

/** Node documents `authorizationError` as an Error but sets OpenSSL's code as a string; accept both. */
function verificationCode(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  const { code, message } = value as { code?: string; message?: string };
  return code ?? message ?? String(value);
}

/**
 * The TCP client: connect, optionally send a line of text, and read the reply until the probe's
 * `readUntil` is satisfied, the peer closes, or the deadline.
 */
import { connect } from 'node:net';
import type { NetworkFailure, TcpRequest, TcpResult } from '@shipgate/probes';
import { roundMs, runExchange, type Now } from './exchange.js';
import { classifySocketError } from './socket-errors.js';

/** How much of the received text a timeout message quotes. */
const QUOTE_CHARS = 200;

/**
 * Quotes received text for a message: JSON-escaped (so \r\n shows), cut at {@link QUOTE_CHARS} and marked with
 * `…`, the mark the secret registry looks for to redact the start of a secret the cut split.
 */
export function quoteReceived(received: string): string {
  const cut = received.length > QUOTE_CHARS ? `${received.slice(0, QUOTE_CHARS)}…` : received;
  return `${JSON.stringify(cut)}${received.length > QUOTE_CHARS ? ` (first ${QUOTE_CHARS} of ${received.length} characters)` : ''}`;
}

/**
 * Connects to `host:port` within `timeoutMs`. Without `send` or `readUntil`, connecting is the whole probe.
 * Otherwise it reads until `readUntil(received)` holds, the peer closes, `maxBytes` arrive, or the deadline;
 * the deadline is a `timeout` failure only when `readUntil` was given and never held.
 */
export function connectTcp(now: Now, request: TcpRequest): Promise<TcpResult | NetworkFailure> {
  const target = `${request.host}:${request.port}`;
  let connectMs: number | undefined;
  let received = '';
  let elapsed = () => 0;
  const result = (): TcpResult => ({ ok: true, connectMs: connectMs ?? 0, received, totalMs: roundMs(elapsed()) });
  return runExchange<TcpResult>(
    {
      now,
      timeoutMs: request.timeoutMs,
      timeoutMessage: () =>
        connectMs === undefined
          ? `could not connect to ${target} within ${request.timeoutMs} ms`
          : `no expected reply from ${target} within ${request.timeoutMs} ms; received so far: ${quoteReceived(received)}`,
      // With something sent and no `readUntil`, reading until the deadline is the plan, not a failure.
      atDeadline: () =>
        connectMs !== undefined && request.send !== undefined && request.readUntil === undefined ? result() : undefined,
    },
    (x) => {
      const socket = connect({ host: request.host, port: request.port });
      x.onEnd(() => socket.destroy());
      let bytes = 0;
      elapsed = x.elapsed;
      const finish = () => x.succeed(result());
      socket.setEncoding('utf8');
      socket.once('connect', () => {
        connectMs = roundMs(x.elapsed());
        if (request.send === undefined && request.readUntil === undefined) return finish();
        if (request.send !== undefined) socket.write(request.send);
        if (request.readUntil?.(received)) finish();
      });
      socket.on('data', (chunk: string) => {
        bytes += Buffer.byteLength(chunk);
        received += chunk;
        if (bytes >= request.maxBytes) {
          received = Buffer.from(received).subarray(0, request.maxBytes).toString('utf8');
          return finish();
        }
        if (request.readUntil?.(received)) finish();
      });
      // The peer closing ends the read: what it sent is the reply, whatever `readUntil` thinks of it.
      socket.once('end', finish);
      socket.on('error', (error) => {
        const reason = classifySocketError(error, target);
        x.fail(reason.kind, reason.message);
      });
    },
  );
}

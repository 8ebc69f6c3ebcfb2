/**
 * One HTTP request and its response (one hop of a probe that may follow redirects), on the transport's
 * keep-alive agents, with the phases timed from the start of the probe.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { HttpTimings, NetworkFailure } from '@shipgate/probes';
import { roundMs, runExchange, type Exchange, type Now } from './exchange.js';
import type { HttpAgents } from './http-agents.js';
import { collectHeaders, requestHeaders } from './http-headers.js';
import { classifySocketError } from './socket-errors.js';

/** One hop, resolved by the redirect loop. */
export interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  verifyTls: boolean;
  maxBodyBytes: number;
  /** The probe's whole budget (for messages) and when the probe started (`now()`), which timings count from. */
  timeoutMs: number;
  probeStart: number;
}

/** A hop's response, before the redirect loop adds the final URL and the redirects. */
export interface HopResponse {
  ok: true;
  status: number;
  headers: Record<string, string>;
  body: string;
  bodyBytes: number;
  timings: HttpTimings;
}

/** Methods that may be sent twice: a request lost on a stale keep-alive socket is retried once. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/**
 * Sends one hop within what is left of the probe's deadline. A keep-alive socket the server closed while
 * idle fails before any response byte; for idempotent methods that case is retried on a fresh socket.
 */
export async function sendHop(agents: HttpAgents, now: Now, hop: Hop): Promise<HopResponse | NetworkFailure> {
  const first = await attempt(agents, now, hop);
  if (
    first.outcome.ok ||
    first.outcome.kind !== 'connection-reset' ||
    !first.staleSocket ||
    !IDEMPOTENT.has(hop.method)
  )
    return first.outcome;
  return (await attempt(agents, now, hop)).outcome;
}

interface Attempt {
  outcome: HopResponse | NetworkFailure;
  /** The request failed on a reused socket before the response started. */
  staleSocket: boolean;
}

async function attempt(agents: HttpAgents, now: Now, hop: Hop): Promise<Attempt> {
  let staleSocket = false;
  let phase: 'request' | 'body' = 'request';
  const remainingMs = hop.timeoutMs - (now() - hop.probeStart);
  const outcome = await runExchange<HopResponse>(
    {
      now,
      startedAt: hop.probeStart,
      timeoutMs: remainingMs,
      timeoutMessage: () =>
        phase === 'body' ? `body not complete within ${hop.timeoutMs} ms` : `no response within ${hop.timeoutMs} ms`,
    },
    (x) => {
      const { url } = hop;
      const target = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const request = send({
        protocol: url.protocol,
        hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: hop.method,
        headers: requestHeaders(hop.headers, hop.body),
        agent: agents.agentFor(url.protocol, hop.verifyTls),
      });
      const timings: Partial<HttpTimings> = {};
      let complete = false;
      request.on('socket', (socket) => timeConnection(x, socket, timings));
      request.on('response', (response) => {
        phase = 'body';
        timings.firstByteMs = roundMs(x.elapsed());
        readBody(x, response, hop.maxBodyBytes, target, (body, bodyBytes) => {
          complete = true;
          timings.totalMs = roundMs(x.elapsed());
          const status = response.statusCode ?? 0;
          x.succeed({
            ok: true,
            status,
            headers: collectHeaders(response.rawHeaders),
            body,
            bodyBytes,
            timings: timings as HttpTimings,
          });
        });
      });
      request.on('error', (error) => {
        // Destroying the request after a timeout also emits 'error'; that one must not look like a stale socket.
        if (x.done) return;
        staleSocket = request.reusedSocket && phase === 'request';
        const reason = classifySocketError(error, target);
        x.fail(reason.kind, reason.message);
      });
      x.onEnd(() => {
        if (!complete) request.destroy();
      });
      request.end(hop.body);
    },
  );
  return { outcome, staleSocket };
}

/** Records dns, connect and tls times of a new socket; a reused socket (already connected) has none. */
function timeConnection(x: Exchange<HopResponse>, socket: Socket, timings: Partial<HttpTimings>): void {
  if (!socket.connecting) return;
  const onLookup = () => void (timings.dnsMs = roundMs(x.elapsed()));
  const onConnect = () => void (timings.connectMs = roundMs(x.elapsed()));
  const onSecure = () => void (timings.tlsMs = roundMs(x.elapsed()));
  socket.once('lookup', onLookup);
  socket.once('connect', onConnect);
  socket.once('secureConnect', onSecure);
  x.onEnd(() => {
    socket.off('lookup', onLookup);
    socket.off('connect', onConnect);
    socket.off('secureConnect', onSecure);
  });
}

/** Reads the body up to `maxBodyBytes`, then hands it over decoded; more than that fails the exchange. */
function readBody(
  x: Exchange<HopResponse>,
  response: IncomingMessage,
  maxBodyBytes: number,
  target: string,
  done: (body: string, bytes: number) => void,
): void {
  const tooLarge = () => x.fail('body-too-large', `response body exceeded ${maxBodyBytes} bytes`);
  const declared = Number(response.headers['content-length']);
  if (declared > maxBodyBytes) return tooLarge();
  const chunks: Buffer[] = [];
  let bytes = 0;
  response.on('data', (chunk: Buffer) => {
    bytes += chunk.byteLength;
    if (bytes > maxBodyBytes) return tooLarge();
    chunks.push(chunk);
  });
  response.on('end', () => {
    const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, bytes);
    done(body.toString('utf8'), bytes);
  });
  // A peer that closes mid-body makes the response emit 'error' (ECONNRESET, "aborted") and then 'close'.
  response.on('error', (error) => {
    const reason = classifySocketError(error, target);
    x.fail(reason.kind, reason.message);
  });
  response.on('close', () => {
    if (!response.complete) x.fail('connection-reset', 'connection closed before the response completed');
  });
}

/**
 * The WebSocket client: a small RFC 6455 implementation on node:http(s) upgrade. It sends the probe's headers,
 * verifies the certificate only when asked (the global WebSocket cannot turn that off without an undici
 * dispatcher), times the opening, sends one message, awaits the first reply and closes cleanly.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { NetworkFailure, WebSocketRequest, WebSocketResult } from '@shipgate/probes';
import { roundMs, runExchange, type Exchange, type Now } from './exchange.js';
import { trustedCas } from './http-agents.js';
import { classifySocketError } from './socket-errors.js';
import { acceptFor, closeFrame, encodeFrame, FrameReader, newKey, Opcode } from './websocket-frames.js';

/** The largest message a probe accepts. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** How long a closed-by-us socket may wait for the server's close frame before it is torn down. */
const CLOSE_GRACE_MS = 1_000;

/**
 * Opens `request.url` (ws: or wss:) within `timeoutMs`, sends `send` if given and, when `awaitMessage`,
 * waits for the first message. `ca` extends the trusted roots for wss. Throws only for a URL that is not ws: or wss:.
 */
export function exchangeWebSocket(
  now: Now,
  request: WebSocketRequest,
  ca?: string[],
): Promise<WebSocketResult | NetworkFailure> {
  const url = new URL(request.url);
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    throw new TypeError(`exchangeWebSocket: not a ws(s) URL: ${request.url}`);
  const secure = url.protocol === 'wss:';
  const target = `${url.hostname}:${url.port || (secure ? 443 : 80)}`;
  let connectMs: number | undefined;
  return runExchange<WebSocketResult>(
    {
      now,
      timeoutMs: request.timeoutMs,
      timeoutMessage: () =>
        connectMs === undefined
          ? `WebSocket ${url.href} not open within ${request.timeoutMs} ms`
          : `no WebSocket message within ${request.timeoutMs} ms`,
    },
    (x) => {
      const key = newKey();
      const upgrade = (secure ? httpsRequest : httpRequest)({
        hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        headers: {
          ...request.headers,
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': key,
        },
        agent: false,
        rejectUnauthorized: request.verifyTls,
        ...(request.verifyTls ? trustedCas(ca) : {}),
      });
      let opened: Socket | undefined;
      x.onEnd(() => (opened ? undefined : upgrade.destroy()));
      upgrade.on('error', (error) => {
        const reason = classifySocketError(error, target);
        x.fail(reason.kind, reason.message);
      });
      upgrade.on('response', (response) => {
        response.resume();
        x.fail('protocol', `${url.href} answered HTTP ${response.statusCode} instead of switching to WebSocket (101)`);
      });
      upgrade.on('upgrade', (response, socket, head) => {
        opened = socket;
        if (response.headers['sec-websocket-accept'] !== acceptFor(key)) {
          socket.destroy();
          return x.fail('protocol', `${url.href} answered the upgrade with a wrong Sec-WebSocket-Accept`);
        }
        connectMs = roundMs(x.elapsed());
        converse(x, socket, head, request, connectMs);
      });
      upgrade.end();
    },
  );
}

/** After the handshake: send, await the first message, close. */
function converse(
  x: Exchange<WebSocketResult>,
  socket: Socket,
  head: Buffer,
  request: WebSocketRequest,
  connectMs: number,
): void {
  if (x.done) return void socket.destroy();
  let closing = false;
  const close = () => {
    if (closing) return;
    closing = true;
    if (!socket.destroyed) socket.end(closeFrame(1000));
    setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
  };
  x.onEnd(() => (closing ? undefined : socket.destroy()));
  const finish = (message?: string, messageMs?: number) => {
    const totalMs = roundMs(x.elapsed());
    close();
    x.succeed({ ok: true, connectMs, ...(message === undefined ? {} : { message, messageMs }), totalMs });
  };
  const reader = new FrameReader(MAX_MESSAGE_BYTES);
  const fragments: Buffer[] = [];
  const onBytes = (chunk: Buffer) => {
    reader.push(chunk);
    for (let frame = reader.next(); frame !== undefined && !x.done; frame = reader.next()) {
      if (typeof frame === 'string') return x.fail('body-too-large', frame);
      if (frame.opcode === Opcode.ping) socket.write(encodeFrame(Opcode.pong, frame.payload));
      else if (frame.opcode === Opcode.close) {
        const code = frame.payload.byteLength >= 2 ? frame.payload.readUInt16BE(0) : 1005;
        const reason = frame.payload.subarray(2).toString('utf8');
        x.fail(
          'connection-reset',
          `the server closed the WebSocket (code ${code}${reason ? `, "${reason}"` : ''}) before a message arrived`,
        );
      } else if (
        frame.opcode === Opcode.text ||
        frame.opcode === Opcode.binary ||
        frame.opcode === Opcode.continuation
      ) {
        fragments.push(frame.payload);
        const size = fragments.reduce((sum, part) => sum + part.byteLength, 0);
        if (size > MAX_MESSAGE_BYTES)
          return x.fail('body-too-large', `WebSocket message exceeded ${MAX_MESSAGE_BYTES} bytes`);
        if (frame.fin) return finish(Buffer.concat(fragments).toString('utf8'), roundMs(x.elapsed()));
      }
    }
  };
  socket.on('data', onBytes);
  socket.on('error', (error) => {
    const reason = classifySocketError(error, `${socket.remoteAddress}:${socket.remotePort}`);
    x.fail(reason.kind, reason.message);
  });
  socket.on('close', () => x.fail('connection-reset', 'the WebSocket connection closed before a message arrived'));
  if (request.send !== undefined) socket.write(encodeFrame(Opcode.text, Buffer.from(request.send, 'utf8')));
  if (!request.awaitMessage) return finish();
  if (head.byteLength > 0) onBytes(head);
}

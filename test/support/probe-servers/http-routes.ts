/**
 * The routes of the HTTP test server: a small JSON surface, and one route per fault a probe must report
 * (slowness, hangs, resets, huge bodies, redirect loops, malformed responses).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './items-api.js';

/** What a route sees. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: string;
  /** Registers a timer so `stop()` can clear it. */
  later(ms: number, action: () => void): void;
  /** Requests this server has received for this path, this one included. */
  hits: number;
}

/** Headers that a security-headers probe expects (OWASP secure headers). */
export const SECURITY_HEADERS: Record<string, string> = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'content-security-policy': "default-src 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

const MB = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location, 'content-length': 0 }).end();
}

function numberParam(url: URL, name: string, fallback: number): number {
  const value = Number(url.searchParams.get(name) ?? fallback);
  return Number.isFinite(value) ? value : fallback;
}

/** Streams `bytes` bytes with backpressure, stopping when the client goes away. */
function stream(res: ServerResponse, bytes: number): void {
  let left = bytes;
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const chunk = left >= CHUNK.byteLength ? CHUNK : CHUNK.subarray(0, left);
      left -= chunk.byteLength;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

// Sockets that have served `/once-per-connection`.
const usedSockets = new WeakSet<object>();

const routes: Record<string, (c: RouteContext) => void> = {
  '/ok': ({ res }) => sendJson(res, 200, { status: 'ok' }),
  '/json': ({ res }) =>
    sendJson(res, 200, {
      service: { name: 'probe-target', version: '1.4.2', healthy: true },
      items: [
        { id: 1, tags: ['a', 'b'] },
        { id: 2, tags: [] },
      ],
      meta: { count: 2, generatedAt: '2026-01-01T00:00:00.000Z', ratio: 0.5, owner: null },
    }),
  '/slow': ({ res, url, later }) => {
    const ms = numberParam(url, 'ms', 100);
    later(ms, () => sendJson(res, 200, { status: 'ok', delayedMs: ms }));
  },
  // Headers and half the body now, the rest after `ms`.
  '/slow-body': ({ res, url, later }) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 10 });
    res.write('01234');
    later(numberParam(url, 'ms', 100), () => res.end('56789'));
  },
  '/hang': () => undefined,
  // A service warming up: 503 for the first n requests, then healthy.
  '/healthy-after': ({ res, url, hits }) =>
    hits > numberParam(url, 'n', 1) ? sendJson(res, 200, { status: 'ok' }) : sendJson(res, 503, { status: 'starting' }),
  '/close': ({ req, res, url }) => {
    if (url.searchParams.get('when') === 'immediately') return void req.socket.destroy();
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 1000 });
    res.write('partial body', () => req.socket.destroy());
  },
  '/big': ({ res, url }) => {
    const bytes = Math.round(numberParam(url, 'mb', 50) * MB);
    const declared = url.searchParams.get('declare') === '1' ? { 'content-length': bytes } : {};
    res.writeHead(200, { 'content-type': 'application/octet-stream', ...declared });
    stream(res, bytes);
  },
  '/malformed': ({ req }) => void req.socket.end('THIS IS NOT HTTP\r\n\r\n'),
  // Answers once per connection, then drops the kept-alive socket on the next request, as a server that
  // closed an idle connection just as the client reused it.
  '/once-per-connection': ({ req, res }) => {
    if (usedSockets.has(req.socket)) return void req.socket.destroy();
    usedSockets.add(req.socket);
    sendJson(res, 200, { status: 'ok' });
  },
  '/redirect/loop': ({ res }) => redirect(res, 302, '/redirect/loop-b'),
  '/redirect/loop-b': ({ res }) => redirect(res, 302, '/redirect/loop'),
  '/redirect/chain': ({ res, url }) => {
    const n = numberParam(url, 'n', 3);
    const status = numberParam(url, 'status', 302);
    if (n <= 0) return sendJson(res, 200, { status: 'ok', chain: 'done' });
    redirect(res, status, `chain?n=${n - 1}&status=${status}`);
  },
  '/redirect/to': ({ res, url }) =>
    redirect(res, numberParam(url, 'status', 302), url.searchParams.get('url') ?? '/ok'),
  '/invalid-json': ({ res }) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status": "ok", "items": [1, 2');
  },
  '/headers': ({ req, res }) => sendJson(res, 200, req.headers),
  '/echo': ({ req, res, url, body }) =>
    sendJson(res, 200, { method: req.method, path: `${url.pathname}${url.search}`, headers: req.headers, body }),
  '/secure-headers': ({ res }) => sendJson(res, 200, { status: 'ok' }, SECURITY_HEADERS),
  '/no-secure-headers': ({ res }) => sendJson(res, 200, { status: 'ok' }),
  '/set-cookies': ({ res }) => {
    res.setHeader('set-cookie', ['a=1; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT', 'b=2; HttpOnly']);
    res.setHeader('x-multi', ['one', 'two']);
    sendJson(res, 200, { status: 'ok' });
  },
};

/** Handles a request with the matching route; returns false when there is none. */
export function handleRoute(context: RouteContext): boolean {
  const path = context.url.pathname;
  const status = /^\/status\/(\d{3})$/.exec(path);
  if (status) {
    const code = Number(status[1]);
    if (code === 204 || code === 304 || context.req.method === 'HEAD') context.res.writeHead(code).end();
    else sendJson(context.res, code, { status: code });
    return true;
  }
  const route = routes[path];
  if (!route) return false;
  route(context);
  return true;
}

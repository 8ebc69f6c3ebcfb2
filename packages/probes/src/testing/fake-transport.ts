import type {
  DnsRequest,
  DnsResult,
  HttpRequest,
  HttpResponse,
  NetworkFailure,
  ProbeTransport,
  TcpRequest,
  TcpResult,
  TlsRequest,
  TlsResult,
  WebSocketRequest,
  WebSocketResult,
} from '../transport.js';

type Handler<Req, Res> = (request: Req) => Res | NetworkFailure | Promise<Res | NetworkFailure>;

/** A `ProbeTransport` for unit tests: each kind answers through a handler; every request is recorded. */
export class FakeTransport implements ProbeTransport {
  readonly requests: { kind: string; request: unknown }[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(
    private readonly handlers: {
      http?: Handler<HttpRequest, HttpResponse>;
      tcp?: Handler<TcpRequest, TcpResult>;
      tls?: Handler<TlsRequest, TlsResult>;
      websocket?: Handler<WebSocketRequest, WebSocketResult>;
      dns?: Handler<DnsRequest, DnsResult>;
    },
  ) {}

  http(request: HttpRequest): Promise<HttpResponse | NetworkFailure> {
    return this.call('http', request, this.handlers.http);
  }
  tcp(request: TcpRequest): Promise<TcpResult | NetworkFailure> {
    return this.call('tcp', request, this.handlers.tcp);
  }
  tls(request: TlsRequest): Promise<TlsResult | NetworkFailure> {
    return this.call('tls', request, this.handlers.tls);
  }
  websocket(request: WebSocketRequest): Promise<WebSocketResult | NetworkFailure> {
    return this.call('websocket', request, this.handlers.websocket);
  }
  dns(request: DnsRequest): Promise<DnsResult | NetworkFailure> {
    return this.call('dns', request, this.handlers.dns);
  }

  private async call<Req, Res>(
    kind: string,
    request: Req,
    handler: Handler<Req, Res> | undefined,
  ): Promise<Res | NetworkFailure> {
    if (!handler) throw new Error(`FakeTransport has no ${kind} handler`);
    this.requests.push({ kind, request });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await Promise.resolve();
      return await handler(request);
    } finally {
      this.inFlight--;
    }
  }
}

/** A 200 response with a JSON or text body, for fakes. */
export function fakeResponse(overrides: Partial<HttpResponse> & { json?: unknown } = {}): HttpResponse {
  const { json, ...rest } = overrides;
  const body = json === undefined ? (rest.body ?? 'ok') : JSON.stringify(json);
  return {
    ok: true,
    status: 200,
    headers: json === undefined ? { 'content-type': 'text/plain' } : { 'content-type': 'application/json' },
    body,
    bodyBytes: body.length,
    url: 'http://app.test/',
    redirects: [],
    timings: { firstByteMs: 5, totalMs: 10 },
    ...rest,
  };
}

/** A network failure value, for fakes. */
export function fakeFailure(kind: NetworkFailure['kind'], message: string = kind): NetworkFailure {
  return { ok: false, kind, message, elapsedMs: 3 };
}

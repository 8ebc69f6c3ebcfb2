import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppMetrics } from './app-metrics.js';
import { LOOPBACK } from './free-port.js';

/** How the app behaves; every field can change at runtime through {@link AppServer.set}. */
export interface AppBehaviour {
  /** Reported in the body, the `x-app-version` header and the `version` metric label. */
  version: string;
  /** Share of app requests (0..1) answered with 500, spread evenly: 0.1 fails exactly every 10th request. */
  errorRate: number;
  /** Delay added before every app response, in milliseconds. */
  latencyMs: number;
  /** What `/health` reports: 200 when true, 503 when false. */
  healthy: boolean;
}

/** Options of {@link startAppServer}. */
export interface AppServerOptions extends Partial<Omit<AppBehaviour, 'version'>> {
  version: string;
  /** Port on 127.0.0.1; default: one the kernel picks. */
  port?: number;
}

/** Requests answered so far (every path except `/metrics`, which Prometheus scrapes). */
export interface AppStats {
  total: number;
  /** Count per HTTP status code. */
  byStatus: Record<number, number>;
}

/** A running app server. */
export interface AppServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** `127.0.0.1:<port>`, as an nginx `server` line wants it. */
  readonly address: string;
  /** The current behaviour. */
  behaviour(): AppBehaviour;
  /** Changes behaviour from the next request on; a new `errorRate` restarts the even spread. */
  set(changes: Partial<AppBehaviour>): void;
  stats(): AppStats;
  /** Requests received and not yet answered (waiting on `latencyMs`). */
  inFlight(): number;
  /** The `/metrics` text, as Prometheus would scrape it. */
  metrics(): Promise<string>;
  /** Closes the server and every open connection. Idempotent. */
  stop(): Promise<void>;
}

function validate(behaviour: AppBehaviour): void {
  if (!(behaviour.errorRate >= 0 && behaviour.errorRate <= 1)) {
    throw new RangeError(`errorRate must be between 0 and 1, got ${behaviour.errorRate}`);
  }
  if (!(behaviour.latencyMs >= 0)) throw new RangeError(`latencyMs must be 0 or more, got ${behaviour.latencyMs}`);
}

/**
 * Starts an in-process HTTP server standing in for one deployed app version: `GET /` (and any other path)
 * returns `{"version": ...}`, `/health` reports health, `/metrics` serves prom-client metrics
 * (`http_requests_total{version,code}`, `http_request_duration_seconds{version}`).
 */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const current: AppBehaviour = {
    version: options.version,
    errorRate: options.errorRate ?? 0,
    latencyMs: options.latencyMs ?? 0,
    healthy: options.healthy ?? true,
  };
  validate(current);
  const metrics = createAppMetrics();
  const byStatus = new Map<number, number>();
  const pending = new Set<{ timer: NodeJS.Timeout; res: ServerResponse }>();
  // Deterministic errors: add errorRate per request, fail when a whole error has accumulated. The epsilon
  // absorbs binary rounding (ten times 0.1 is 0.9999999999999999).
  let errorBudget = 0;

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    started: bigint,
    version: string,
    counted: boolean,
  ) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-app-version': version });
    res.end(JSON.stringify(body));
    if (!counted) return;
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    metrics.requests.inc({ version, code: String(status) });
    metrics.duration.observe({ version }, Number(process.hrtime.bigint() - started) / 1e9);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    const path = new URL(req.url ?? '/', 'http://app').pathname;
    const { version, latencyMs, healthy } = current;
    if (path === '/metrics') {
      void metrics.registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(text);
      });
      return;
    }
    if (path === '/health') {
      send(res, healthy ? 200 : 503, { status: healthy ? 'ok' : 'unhealthy', version }, started, version, true);
      return;
    }
    errorBudget += current.errorRate;
    const fail = errorBudget >= 1 - 1e-9;
    if (fail) errorBudget -= 1;
    const respond = () =>
      send(res, fail ? 500 : 200, fail ? { version, error: 'injected failure' } : { version }, started, version, true);
    if (latencyMs <= 0) return respond();
    const entry = { res, timer: setTimeout(() => (pending.delete(entry), respond()), latencyMs) };
    pending.add(entry);
  };

  const server = createServer((req, res) => {
    // Drain the request body so keep-alive connections stay usable, then answer.
    req.resume();
    req.once('end', () => handle(req, res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: options.port ?? 0 }, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;

  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    address: `${LOOPBACK}:${port}`,
    behaviour: () => ({ ...current }),
    set(changes) {
      const next = { ...current, ...changes };
      validate(next);
      if (changes.errorRate !== undefined) errorBudget = 0;
      Object.assign(current, next);
    },
    stats: () => ({
      total: [...byStatus.values()].reduce((a, b) => a + b, 0),
      byStatus: Object.fromEntries(byStatus),
    }),
    inFlight: () => pending.size,
    metrics: () => metrics.registry.metrics(),
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        for (const { timer, res } of pending) {
          clearTimeout(timer);
          res.destroy();
        }
        pending.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}

import { Agent, request, type ClientRequest } from 'node:http';

/** Options of {@link driveLoad}. */
export interface LoadOptions {
  url: string;
  /** Requests started per second, on a fixed schedule (open model: a slow response does not delay the next). */
  ratePerSecond: number;
  durationMs: number;
  /** Stops starting requests early. */
  signal?: AbortSignal;
  /**
   * `keep-alive` (default): reuses connections, and like browsers and undici retries a GET once, on a new
   * connection, when the server closed a reused connection before answering (a race every keep-alive client
   * must handle: RFC 9112 §9.3.1; an nginx reload closes the old workers' idle connections).
   * `new`: a new connection per request (`Connection: close`), never retried.
   */
  connections?: 'keep-alive' | 'new';
  /**
   * Per request, without an answer. Default 65 s: longer than nginx's own proxy_read_timeout (60 s), so on a
   * loaded machine nginx, not an impatient client, decides whether a request failed, as a browser would wait.
   */
  requestTimeoutMs?: number;
}

/** What a load run did. */
export interface LoadResult {
  /** Completion time (ms since the epoch) and status of every request, in completion order. */
  responses: { timeMs: number; status: number }[];
  /** Requests that failed without an HTTP response (after the retry a keep-alive client makes). */
  networkErrors: number;
  /** Requests sent again because the server closed the reused connection they went out on. */
  retries: number;
  /** Messages of the failures counted in `networkErrors`, for assertion messages. */
  errors: string[];
}

/** Errors that mean the server closed an idle connection as the request went out: it was not processed. */
const CLOSED_CONNECTION = new Set(['ECONNRESET', 'EPIPE']);

type Attempt = { status: number } | { error: Error & { code?: string }; reused: boolean };

function attempt(url: string, agent: Agent | false, timeoutMs: number): Promise<Attempt> {
  return new Promise((resolve) => {
    let req: ClientRequest | undefined = undefined;
    req = request(
      url,
      { agent, headers: agent ? {} : { connection: 'close' }, signal: AbortSignal.timeout(timeoutMs) },
      (res) => {
        res.resume();
        res.once('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.once('error', (error) => resolve({ error, reused: false }));
      },
    );
    req.once('error', (error) => resolve({ error, reused: req?.reusedSocket ?? false }));
    req.end();
  });
}

/**
 * Sends GET requests at a steady rate: request i starts at `start + i / rate`, so timer drift does not
 * accumulate. Resolves when the last request has completed.
 */
export async function driveLoad(options: LoadOptions): Promise<LoadResult> {
  const intervalMs = 1000 / options.ratePerSecond;
  const total = Math.floor(options.durationMs / intervalMs);
  const timeoutMs = options.requestTimeoutMs ?? 65_000;
  const agent = (options.connections ?? 'keep-alive') === 'keep-alive' ? new Agent({ keepAlive: true }) : false;
  const start = performance.now();
  const result: LoadResult = { responses: [], networkErrors: 0, retries: 0, errors: [] };
  const inFlight = new Set<Promise<void>>();
  const send = async () => {
    const sentAt = Math.round(performance.now() - start);
    let outcome = await attempt(options.url, agent, timeoutMs);
    let retried = false;
    if ('error' in outcome && outcome.reused && CLOSED_CONNECTION.has(outcome.error.code ?? '')) {
      result.retries++;
      retried = true;
      // On a new connection: the pool's other idle connections may be closing too (an nginx reload closes
      // every idle connection of its old workers at once).
      outcome = await attempt(options.url, false, timeoutMs);
    }
    if ('error' in outcome) {
      result.networkErrors++;
      const on = outcome.reused ? 'a reused connection' : 'a new connection';
      result.errors.push(
        `${outcome.error.code ?? ''} ${outcome.error.message} on ${on}${retried ? ', retried' : ''} (sent at ${sentAt} ms)`.trim(),
      );
    } else result.responses.push({ timeMs: Date.now(), status: outcome.status });
  };
  for (let i = 0; i < total && !options.signal?.aborted; i++) {
    const wait = start + i * intervalMs - performance.now();
    // Pacing, not synchronisation: the schedule is the point of the load.
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const request = send().finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  await Promise.all(inFlight);
  if (agent) agent.destroy();
  return result;
}

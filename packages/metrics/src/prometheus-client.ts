/**
 * The one choke point to Prometheus: instant queries over the HTTP API (`POST /api/v1/query`). Every way a
 * query can go wrong (no answer, a timeout, an HTTP error, a PromQL error, a result of the wrong shape)
 * comes back as a {@link QueryFailure} value whose message names the server and the cause.
 */
import { truncate } from '@shipgate/core';
import { describeFetchError } from './fetch-errors.js';

/** One element of an instant vector (or the value of a scalar, with no labels). */
export interface PrometheusSample {
  labels: Record<string, string>;
  /** `NaN`, `Infinity` and `-Infinity` come through as such. */
  value: number;
}

/** The samples of an instant query. */
export interface QueryResult {
  ok: true;
  samples: PrometheusSample[];
}

/** A query that gave no usable answer. */
export interface QueryFailure {
  ok: false;
  /** One sentence naming the server and the cause. */
  message: string;
}

/** Options of {@link createPrometheusClient}. */
export interface PrometheusClientOptions {
  /** Base URL of Prometheus (or a compatible API: Thanos, Mimir, VictoriaMetrics), with any path prefix. */
  url: string;
  /** Deadline for one query, in milliseconds. */
  timeoutMs: number;
  /** Extra request headers (an `Authorization` header for a managed Prometheus). */
  headers?: Record<string, string>;
  /** Answers larger than this are a query failure, not read whole. Default 8 MiB. */
  maxBodyBytes?: number;
  fetch: typeof fetch;
}

/** Instant queries against one Prometheus. */
export interface PrometheusClient {
  /** The base URL, without a trailing slash. */
  readonly url: string;
  /** Evaluates `promql` at `atMs` (epoch milliseconds); `label` names the query in messages ("canary errors"). */
  query(promql: string, atMs: number, label: string): Promise<QueryResult | QueryFailure>;
}

interface ApiBody {
  status?: string;
  errorType?: string;
  error?: string;
  data?: { resultType?: string; result?: unknown };
}

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

function tryParseBody(text: string): ApiBody | undefined {
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null ? (body as ApiBody) : undefined;
  } catch {
    return undefined;
  }
}

/** The largest answer read by default: the queries Shipgate sends return a handful of series. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** The body as text, or undefined once it passes `max` bytes (the rest is not read: the stream is cancelled). */
async function readCapped(response: Response, max: number): Promise<string | undefined> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > max) {
      await response.body.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Builds the client. It keeps no state between queries. */
export function createPrometheusClient(options: PrometheusClientOptions): PrometheusClient {
  const url = options.url.replace(/\/+$/, '');
  const at = `Prometheus at ${url}`;

  const query = async (promql: string, atMs: number, label: string): Promise<QueryResult | QueryFailure> => {
    const form = new URLSearchParams({ query: promql, time: (atMs / 1000).toFixed(3) });
    let status: number;
    let text: string;
    try {
      const response = await options.fetch(`${url}/api/v1/query`, {
        method: 'POST',
        headers: { ...options.headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = response.status;
      const read = await readCapped(response, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      if (read === undefined) {
        return {
          ok: false,
          message: `${at} answered the ${label} query with more than ${Math.round((options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES) / 1024 / 1024)} MiB; Shipgate stopped reading. Aggregate the query (sum by) so it returns a few series.`,
        };
      }
      text = read;
    } catch (error) {
      return { ok: false, message: `${at} did not answer: ${describeFetchError(error, options.timeoutMs)}.` };
    }
    const body = tryParseBody(text);
    const quoted = `the ${label} query ${JSON.stringify(promql)}`;
    if (body?.status === 'error') {
      return {
        ok: false,
        message: `${at} rejected ${quoted}: ${body.errorType ? `${body.errorType}: ` : ''}${body.error ?? 'no reason given'} (HTTP ${status}).`,
      };
    }
    if (status < 200 || status > 299 || body?.status !== 'success') {
      const what =
        body === undefined ? `: ${truncate(text.trim() || '(empty body)', 200)}` : ' without a success status';
      return { ok: false, message: `${at} answered ${quoted} with HTTP ${status}${what}.` };
    }
    const { resultType, result } = body.data ?? {};
    if (resultType === 'scalar' && Array.isArray(result)) {
      return { ok: true, samples: [{ labels: {}, value: parseValue(String(result[1])) }] };
    }
    if (resultType === 'vector' && Array.isArray(result)) {
      const samples = (result as { metric?: Record<string, string>; value?: [number, string] }[]).map((s) => ({
        labels: s.metric ?? {},
        value: parseValue(String(s.value?.[1])),
      }));
      return { ok: true, samples };
    }
    return {
      ok: false,
      message: `${at} returned a ${resultType ?? 'missing'} result for ${quoted}; expected an instant vector or a scalar.`,
    };
  };

  return { url, query };
}

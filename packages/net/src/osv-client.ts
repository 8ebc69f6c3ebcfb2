/**
 * The OSV API over HTTP (https://google.github.io/osv.dev/api/): the `OsvApi` port of @shipgate/dependencies on
 * this package's HTTP client (keep-alive agents, bounded reads, one deadline per request, the transport's extra
 * CAs for a mirror behind a private CA). It makes one request per call and reports failures as values; the
 * dependency scan decides about retries. Throttling (429), timeouts (408), server errors and network failures
 * are `retryable`, with the server's `retry-after` when it sent one.
 */
import type { OsvAnswer, OsvApi, OsvBatchResult, OsvFailure, OsvQuery, OsvRecord } from '@shipgate/dependencies';
import { RETRYABLE_FAILURES, type HttpRequest, type HttpResponse, type NetworkFailure } from '@shipgate/probes';

/** The public OSV API. */
export const OSV_API_URL = 'https://api.osv.dev';

/** Options of {@link createOsvClient}. */
export interface OsvClientOptions {
  /** Base URL of the API (`https://api.osv.dev` or a mirror), with any path prefix. */
  url: string;
  /** The HTTP client: a transport's `http` (see `createNetTransport`). */
  http: (request: HttpRequest) => Promise<HttpResponse | NetworkFailure>;
  /** Deadline of one request. Default 60 s (a batch of 1000 queries takes OSV a few seconds). */
  timeoutMs?: number;
  /** Larger answers are a failure, not read whole. Default 64 MiB. */
  maxBodyBytes?: number;
}

/** Builds the client. */
export function createOsvClient(options: OsvClientOptions): OsvApi {
  const base = options.url.replace(/\/+$/, '');
  const send = async <T>(method: string, path: string, body: unknown, read: (data: unknown) => T | undefined) => {
    const url = `${base}${path}`;
    const response = await options.http({
      method,
      url,
      headers: {
        accept: 'application/json',
        'user-agent': 'shipgate-security-scan',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      timeoutMs: options.timeoutMs ?? 60_000,
      followRedirects: true,
      maxRedirects: 3,
      verifyTls: true,
      maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024,
    });
    return answerOf(method, url, response, read);
  };
  return {
    queryBatch: (queries: readonly OsvQuery[]) =>
      send('POST', '/v1/querybatch', { queries }, (data) => {
        const results = (data as { results?: unknown } | undefined)?.results;
        return Array.isArray(results) ? (results as OsvBatchResult[]) : undefined;
      }),
    getVulnerability: (id: string) =>
      send('GET', `/v1/vulns/${encodeURIComponent(id)}`, undefined, (data) =>
        typeof (data as OsvRecord | undefined)?.id === 'string' ? (data as OsvRecord) : undefined,
      ),
  };
}

function answerOf<T>(
  method: string,
  url: string,
  response: HttpResponse | NetworkFailure,
  read: (data: unknown) => T | undefined,
): OsvAnswer<T> {
  const fail = (failure: OsvFailure): OsvAnswer<T> => ({ ok: false, failure });
  if (!response.ok)
    return fail({ message: `${method} ${url}: ${response.message}`, retryable: RETRYABLE_FAILURES.has(response.kind) });
  const { status } = response;
  if (status < 200 || status > 299) {
    const retryAfter = retryAfterSeconds(response.headers['retry-after']);
    const detail = oneLine(response.body);
    return fail({
      message: `${method} ${url} answered HTTP ${status}${detail ? `: ${detail}` : ''}`,
      retryable: status === 408 || status === 429 || status >= 500,
      ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(response.body);
  } catch {
    return fail({
      message: `${method} ${url} answered with invalid JSON: ${oneLine(response.body)}`,
      retryable: false,
    });
  }
  const value = read(data);
  if (value === undefined)
    return fail({
      message: `${method} ${url} answered JSON of an unexpected shape: ${oneLine(response.body)}`,
      retryable: false,
    });
  return { ok: true, value };
}

/** `retry-after` as seconds: a number of seconds, or an HTTP date. */
function retryAfterSeconds(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** The start of an error body, on one line, for a message. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

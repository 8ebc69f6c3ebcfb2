/** Shared pieces of the network adapter's tests: a transport owned by the test, and request defaults. */
import { onTestFinished } from 'vitest';
import { createNetTransport, type NetTransport, type NetTransportOptions } from '@shipgate/net';
import type { HttpRequest, NetworkFailure } from '@shipgate/probes';

/** A transport closed when the test finishes. */
export function useTransport(options: NetTransportOptions = {}): NetTransport {
  const transport = createNetTransport(options);
  onTestFinished(() => transport.close());
  return transport;
}

/** A GET of `url` with generous limits; override what the test is about. */
export function get(url: string, overrides: Partial<HttpRequest> = {}): HttpRequest {
  return {
    method: 'GET',
    url,
    headers: {},
    timeoutMs: 5_000,
    followRedirects: false,
    maxRedirects: 5,
    verifyTls: true,
    maxBodyBytes: 1024 * 1024,
    ...overrides,
  };
}

/** Narrows a result to a success, failing the test with the failure's message otherwise. */
export function expectOk<T extends { ok: true }>(result: T | NetworkFailure): T {
  if (!result.ok) throw new Error(`expected success, got ${result.kind}: ${result.message}`);
  return result;
}

/** Narrows a result to a failure, failing the test when it succeeded. */
export function expectFailure<T extends { ok: true }>(result: T | NetworkFailure): NetworkFailure {
  if (result.ok) throw new Error(`expected a failure, got success: ${JSON.stringify(result).slice(0, 300)}`);
  return result;
}

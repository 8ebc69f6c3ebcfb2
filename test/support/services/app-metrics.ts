import { Counter, Histogram, Registry } from 'prom-client';

/** Buckets of `http_request_duration_seconds`: 5 ms to 10 s, fine enough to tell a 100 ms regression. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The metrics one app server exposes, in a registry of its own (two servers in one worker never share). */
export interface AppMetrics {
  registry: Registry;
  /** `http_requests_total{version,code}`. */
  requests: Counter<'version' | 'code'>;
  /** `http_request_duration_seconds{version}`. */
  duration: Histogram<'version'>;
}

/** Creates a fresh registry with the app server's request counter and latency histogram. */
export function createAppMetrics(): AppMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests served, by app version and status code.',
    labelNames: ['version', 'code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to serve an HTTP request, by app version.',
    labelNames: ['version'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  return { registry, requests, duration };
}

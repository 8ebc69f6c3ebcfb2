/**
 * The `prometheus` metrics provider: request, error and latency-bucket counts per side over each window,
 * from built-in templates or custom PromQL. A query that fails is a `MetricsFailure`; an empty result is a
 * side with no traffic (0 requests), which is not a failure.
 *
 * Counts come from `increase()`, which extrapolates from the first and last samples inside the range to its
 * edges, so it returns non-integers (9.6 requests). They are rounded to the nearest whole request, and errors
 * are capped at requests. Under steady traffic this is exact or off by one; it undercounts a series born
 * inside the window (its first value is not an increase: the first 5xx of a version with a labelled counter)
 * and gives no result, read as 0, for a window holding fewer than two scrapes of a series. Windows should
 * span at least four scrape intervals.
 * https://prometheus.io/docs/prometheus/latest/querying/functions/#increase
 */
import type { MetricsFailure, MetricsProvider, MetricsWindow, SideSample } from '@shipgate/canary';
import { InputError } from '@shipgate/core';
import { bucketsToLatencyPoints } from './latency-buckets.js';
import { createPrometheusClient, type PrometheusClient, type QueryFailure } from './prometheus-client.js';
import {
  builtInQueries,
  checkTemplate,
  escapePromQlString,
  promQlDuration,
  renderTemplate,
  type CustomQueries,
  type QueryValues,
} from './prometheus-queries.js';
import { metricsFailure } from './side-sample.js';

/** One side of the rollout as Prometheus labels it. */
export interface PrometheusSide {
  /** The version, substituted for `{version}`. */
  version: string;
  /** Label matchers without braces (`job="app",track="canary"`); default `<versionLabel>="<version>"`. */
  selector?: string;
}

/** Options of {@link createPrometheusMetrics}. */
export interface PrometheusMetricsOptions {
  /** Base URL of the Prometheus HTTP API. */
  url: string;
  canary: PrometheusSide;
  stable: PrometheusSide;
  /** The label that tells canary from stable in the default selector. Default `version`. */
  versionLabel?: string;
  /** Counter of requests. Default `http_requests_total`. */
  requestsMetric?: string;
  /** Matcher that picks the failed requests of {@link requestsMetric}. Default `code=~"5.."`. */
  errorMatcher?: string;
  /** Histogram of request durations (without `_bucket`). Default `http_request_duration_seconds`. */
  latencyMetric?: string;
  /** Unit of the histogram's `le` bounds. Default `seconds`. */
  latencyUnit?: 'seconds' | 'milliseconds';
  /** Custom PromQL replacing the built-in count queries, with `{version}`, `{interval}`, `{selector}`. */
  queries?: CustomQueries;
  /** Extra request headers, e.g. `Authorization`. */
  headers?: Record<string, string>;
  /** Default the global `fetch`. */
  fetch?: typeof fetch;
  /** Deadline of one query in milliseconds. Default 10 000. */
  timeoutMs?: number;
}

const SOURCE = 'prometheus';
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type SideName = 'canary' | 'baseline';

/**
 * Builds the provider. Each `collect` runs six instant queries at `toMs` over `[toMs - fromMs]`: requests,
 * errors and latency buckets for each side, all six at once; the first failure (canary first) is reported.
 * @throws InputError for a bad label name or an unknown placeholder in a custom query.
 */
export function createPrometheusMetrics(options: PrometheusMetricsOptions): MetricsProvider {
  const versionLabel = options.versionLabel ?? 'version';
  if (!LABEL_NAME.test(versionLabel))
    throw new InputError('version-label', versionLabel, 'a Prometheus label name ([A-Za-z_][A-Za-z0-9_]*)');
  const queries = options.queries ?? {};
  for (const [name, template] of Object.entries(queries)) if (template !== undefined) checkTemplate(name, template);
  const names = {
    requestsMetric: options.requestsMetric ?? 'http_requests_total',
    errorMatcher: options.errorMatcher ?? 'code=~"5.."',
    latencyMetric: options.latencyMetric ?? 'http_request_duration_seconds',
  };
  const unitMs = options.latencyUnit === 'milliseconds' ? 1 : 1000;
  const client = createPrometheusClient({
    url: options.url,
    timeoutMs: options.timeoutMs ?? 10_000,
    fetch: options.fetch ?? fetch,
    ...(options.headers ? { headers: options.headers } : {}),
  });

  const measure = async (
    side: SideName,
    config: PrometheusSide,
    interval: string,
    atMs: number,
  ): Promise<SideSample | QueryFailure> => {
    const version = escapePromQlString(config.version);
    const values: QueryValues = { version, interval, selector: config.selector ?? `${versionLabel}="${version}"` };
    const builtIn = builtInQueries(names, values);
    const custom = (template: string | undefined, fallback: string) =>
      template === undefined ? fallback : renderTemplate(template, values);
    const label = side === 'canary' ? 'canary' : 'stable';
    const [requests, errors, buckets] = await Promise.all([
      countQuery(client, custom(queries[`${side}Requests`], builtIn.requests), atMs, `${label} requests`),
      countQuery(client, custom(queries[`${side}Errors`], builtIn.errors), atMs, `${label} errors`),
      client.query(builtIn.latencyBuckets, atMs, `${label} latency`),
    ]);
    if (typeof requests !== 'number') return requests;
    if (typeof errors !== 'number') return errors;
    if (!buckets.ok) return buckets;
    return { requests, errors: Math.min(errors, requests), latencies: bucketsToLatencyPoints(buckets.samples, unitMs) };
  };

  return {
    name: SOURCE,
    async collect({ fromMs, toMs }): Promise<MetricsWindow | MetricsFailure> {
      if (!(toMs > fromMs))
        throw new RangeError(`A metrics window must end after it starts: got ${fromMs} to ${toMs}.`);
      const interval = promQlDuration(toMs - fromMs);
      const [canary, stable] = await Promise.all([
        measure('canary', options.canary, interval, toMs),
        measure('baseline', options.stable, interval, toMs),
      ]);
      if ('ok' in canary) return metricsFailure(SOURCE, canary.message);
      if ('ok' in stable) return metricsFailure(SOURCE, stable.message);
      return { ok: true, source: SOURCE, canary, stable };
    },
  };
}

/**
 * Runs a query that must give one count: no series is 0 (no traffic in the window), one series is its
 * value rounded to a whole number, anything else is a failure that says how to fix the query.
 */
async function countQuery(
  client: PrometheusClient,
  promql: string,
  atMs: number,
  label: string,
): Promise<number | QueryFailure> {
  const outcome = await client.query(promql, atMs, label);
  if (!outcome.ok) return outcome;
  const where = `Prometheus at ${client.url} returned`;
  const what = `for the ${label} query ${JSON.stringify(promql)}`;
  const [first, ...rest] = outcome.samples;
  if (first === undefined) return 0;
  if (rest.length > 0)
    return {
      ok: false,
      message: `${where} ${outcome.samples.length} series ${what}; a count query must return one: wrap it in sum(...).`,
    };
  if (!Number.isFinite(first.value) || first.value < 0)
    return { ok: false, message: `${where} ${first.value} ${what}; expected a count of requests (0 or more).` };
  return Math.round(first.value);
}

/**
 * Metrics providers for canary-deploy (the `metrics` input): `prometheus`, `nginx-log` and `probes`, alone
 * or combined. Each implements the canary domain's `MetricsProvider` port and reports failures as values.
 */
export { createPrometheusMetrics, type PrometheusMetricsOptions, type PrometheusSide } from './prometheus-metrics.js';
export { QUERY_PLACEHOLDERS, type CustomQueries } from './prometheus-queries.js';
export { createPrometheusClient, type PrometheusClient, type PrometheusClientOptions, type PrometheusSample, type QueryFailure, type QueryResult } from './prometheus-client.js';
export { bucketsToLatencyPoints } from './latency-buckets.js';
export { createNginxLogMetrics, type NginxLogMetricsOptions } from './nginx-log-metrics.js';
export { SHIPGATE_LOG_FIELDS, SHIPGATE_LOG_FORMAT, SHIPGATE_LOG_FORMAT_NAME, tryParseAccessLogLine, type AccessLogLine } from './nginx-log-format.js';
export { createLocalLogReader, type LogChunk, type LogReader } from './log-reader.js';
export { shellLogReader, type LogShell, type ShellLogReaderOptions } from './shell-log-reader.js';
export { createProbeMetrics, type ProbeMetricsOptions, type ProbeMetricsProvider } from './probe-metrics.js';
export { combineMetrics } from './combine-metrics.js';

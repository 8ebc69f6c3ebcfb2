/**
 * Metrics providers for canary-deploy (the `metrics` input): `prometheus`, `nginx-log` and `probes`, alone
 * or combined. Each implements the canary domain's `MetricsProvider` port and reports failures as values.
 */
export { createPrometheusMetrics, type PrometheusMetricsOptions, type PrometheusSide } from './prometheus-metrics.js';
export type { CustomQueries } from './prometheus-queries.js';
export { createNginxLogMetrics, type NginxLogMetricsOptions } from './nginx-log-metrics.js';
export { SHIPGATE_LOG_FIELDS, SHIPGATE_LOG_FORMAT } from './nginx-log-format.js';
export { createLocalLogReader, type LogChunk, type LogReader } from './log-reader.js';
export { shellLogReader, type LogShell, type ShellLogReaderOptions } from './shell-log-reader.js';
export { createProbeMetrics, type ProbeMetricsOptions, type ProbeMetricsProvider } from './probe-metrics.js';
export { combineMetrics } from './combine-metrics.js';

import { mkdirSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { pollUntil, SETTLE_TIMEOUT_MS } from '../poll.js';
import { requireBinary } from '../require-binary.js';
import { PrometheusQueryError } from './errors.js';
import { LOOPBACK, withFreePort } from './free-port.js';
import { ManagedProcess } from './managed-process.js';
import { createTempDir } from './temp-dir.js';

/** A scrape target: `host:port`, or an address with extra labels on its series. */
export type PrometheusTarget = string | { address: string; labels?: Record<string, string> };

/** Options of {@link startPrometheus}. */
export interface PrometheusOptions {
  /** What to scrape, every second. */
  targets: readonly PrometheusTarget[];
  /** `job` label of the targets. Default `app`. */
  jobName?: string;
  /** Default `/metrics`. */
  metricsPath?: string;
  port?: number;
  /** Readiness deadline (`/-/ready`). Default 15 000 ms. */
  startTimeoutMs?: number;
}

/** One element of an instant query result. */
export interface PromSample {
  /** Labels of the series (empty for a scalar). */
  metric: Record<string, string>;
  /** The value; `NaN`, `Infinity` and `-Infinity` come through as such. */
  value: number;
  /** Evaluation time in milliseconds since the epoch. */
  timestampMs: number;
}

/** A running Prometheus. */
export interface Prometheus {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly configPath: string;
  /** `--storage.tsdb.path`. */
  readonly dataDir: string;
  readonly pid: number;
  /**
   * Runs an instant query (at `timeMs`, default now) and returns its samples: the vector's elements, or
   * one sample for a scalar. Throws {@link PrometheusQueryError} for API errors and range (matrix) results.
   */
  query(promql: string, options?: { timeMs?: number }): Promise<PromSample[]>;
  /**
   * Polls `promql` until it returns at least one sample. The first scrape lands about 6 s after start
   * (service discovery hands targets over on a 5 s tick), so wait with this before asserting on data.
   * A query Prometheus rejects fails at once.
   */
  waitForData(promql: string, options?: { timeoutMs?: number }): Promise<PromSample[]>;
  /** Captured output, for messages. */
  log(): string;
  /** Stops Prometheus and removes its data directory. Idempotent. */
  stop(): Promise<void>;
}

interface ApiResponse {
  status: 'success' | 'error';
  error?: string;
  data?: { resultType: string; result: unknown };
}

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** Renders prometheus.yml: 1 s scrapes of the targets. */
export function renderPrometheusConfig(options: PrometheusOptions): string {
  const staticConfigs = options.targets.map((t) =>
    typeof t === 'string' ? { targets: [t] } : { targets: [t.address], labels: t.labels ?? {} },
  );
  return stringify({
    global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    scrape_configs: [
      {
        job_name: options.jobName ?? 'app',
        metrics_path: options.metricsPath ?? '/metrics',
        static_configs: staticConfigs,
      },
    ],
  });
}

/**
 * Starts Prometheus on a free port of 127.0.0.1 with its storage in a temp dir, scraping `targets` every
 * second, and waits for `/-/ready`.
 */
export function startPrometheus(options: PrometheusOptions): Promise<Prometheus> {
  return withFreePort((port) => launch(options, port), options.port);
}

async function launch(options: PrometheusOptions, port: number): Promise<Prometheus> {
  const bin = requireBinary('prometheus');
  const dir = createTempDir('prometheus');
  const configPath = dir.join('prometheus.yml');
  mkdirSync(dir.join('data'));
  writeFileSync(configPath, renderPrometheusConfig(options));
  const url = `http://${LOOPBACK}:${port}`;
  const args = [
    `--config.file=${configPath}`,
    `--web.listen-address=${LOOPBACK}:${port}`,
    `--storage.tsdb.path=${dir.join('data')}`,
    '--storage.tsdb.retention.time=1h',
    // The console paths default to /etc/prometheus: keep the fixture independent of the host's files.
    `--web.console.templates=${dir.join('consoles')}`,
    `--web.console.libraries=${dir.join('console_libraries')}`,
    '--log.level=warn',
  ];
  let proc: ManagedProcess | undefined;
  try {
    proc = ManagedProcess.start({ name: 'prometheus', command: bin, args, cwd: dir.path });
    await proc.waitUntilReady(async () => (await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) })).ok, {
      timeoutMs: options.startTimeoutMs ?? 15_000,
      intervalMs: 100,
      description: `Prometheus to be ready at ${url}/-/ready`,
    });
  } catch (error) {
    await proc?.stop({ timeoutMs: 10_000 });
    dir.remove();
    throw error;
  }
  const server = proc;
  let stopping: Promise<void> | undefined;

  const query = async (promql: string, { timeMs }: { timeMs?: number } = {}): Promise<PromSample[]> => {
    const params = new URLSearchParams({ query: promql });
    if (timeMs !== undefined) params.set('time', (timeMs / 1000).toFixed(3));
    let status = 0;
    let body: ApiResponse;
    try {
      const response = await fetch(`${url}/api/v1/query?${params}`, { signal: AbortSignal.timeout(SETTLE_TIMEOUT_MS) });
      status = response.status;
      body = (await response.json()) as ApiResponse;
    } catch (error) {
      throw new PrometheusQueryError(promql, status, (error as Error).message);
    }
    if (body.status !== 'success' || !body.data)
      throw new PrometheusQueryError(promql, status, body.error ?? 'no data');
    const { resultType, result } = body.data;
    if (resultType === 'scalar') {
      const [time, value] = result as [number, string];
      return [{ metric: {}, value: parseValue(value), timestampMs: Math.round(time * 1000) }];
    }
    if (resultType !== 'vector') {
      throw new PrometheusQueryError(
        promql,
        status,
        `result type ${resultType} is not supported; query an instant vector or scalar`,
      );
    }
    return (result as { metric: Record<string, string>; value: [number, string] }[]).map((s) => ({
      metric: s.metric,
      value: parseValue(s.value[1]),
      timestampMs: Math.round(s.value[0] * 1000),
    }));
  };

  return {
    url,
    port,
    configPath,
    dataDir: dir.join('data'),
    pid: server.pid,
    query,
    async waitForData(promql, { timeoutMs = 2 * SETTLE_TIMEOUT_MS } = {}) {
      const outcome = await pollUntil(
        async () => {
          try {
            const samples = await query(promql);
            return samples.length > 0 ? samples : undefined;
          } catch (error) {
            // A rejected query will not get better by waiting: stop polling and report it.
            if (error instanceof PrometheusQueryError && error.status === 400) return error;
            throw error;
          }
        },
        { timeoutMs, intervalMs: 200, description: `Prometheus data for ${promql}` },
      );
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    log: () => server.log(),
    stop() {
      stopping ??= server.stop({ timeoutMs: 10_000 }).then(() => dir.remove());
      return stopping;
    },
  };
}

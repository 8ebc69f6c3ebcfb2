/**
 * The `nginx-log` metrics provider: canary and stable error rates and latencies from nginx's own access
 * log (written in {@link SHIPGATE_LOG_FORMAT}), with no Prometheus. Each call reads only what was appended
 * since the last, and puts every line in the window its `$msec` falls in.
 */
import type { LatencyPoint, MetricsFailure, MetricsProvider, MetricsWindow, SideSample } from '@shipgate/canary';
import { InputError } from '@shipgate/core';
import type { LogReader } from './log-reader.js';
import { LogTail } from './log-tail.js';
import {
  SHIPGATE_LOG_FORMAT,
  SHIPGATE_LOG_FORMAT_NAME,
  tryParseAccessLogLine,
  type AccessLogLine,
} from './nginx-log-format.js';
import { mergeLatencies, metricsFailure } from './side-sample.js';

/** Options of {@link createNginxLogMetrics}. */
export interface NginxLogMetricsOptions {
  /** Reads the log: {@link createLocalLogReader} or {@link shellLogReader}. */
  reader: LogReader;
  /** The access log written in {@link SHIPGATE_LOG_FORMAT} (the `nginx-access-log` input). */
  path: string;
  /** Upstream addresses of the canary as nginx logs them in `$upstream_addr` (`10.0.0.7:8080`, `unix:/run/app.sock`). */
  canaryTargets: string[];
  /** Upstream addresses of the stable version. */
  stableTargets: string[];
  /** Upstream addresses of the baseline (a fresh stable instance), when the rollout has one: counted as its own side. */
  baselineTargets?: string[];
  /** The first call reads at most this much of the log's end. Default 8 MiB. */
  maxInitialBytes?: number;
}

const SOURCE = 'nginx-log';

type Side = 'canary' | 'stable' | 'baseline';

/** One upstream attempt, reduced to what a window needs. */
interface Attempt {
  timeMs: number;
  side: Side;
  error: boolean;
  latencyMs: number | undefined;
}

/** `http://10.0.0.7:8080/` and `10.0.0.7:8080` name the same upstream. */
function normaliseTarget(target: string): string {
  return target
    .trim()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');
}

function targetSet(input: string, targets: readonly string[]): Set<string> {
  const set = new Set(targets.map(normaliseTarget).filter(Boolean));
  if (set.size === 0)
    throw new InputError(
      input,
      targets.join(','),
      'one or more upstream addresses as nginx logs them, e.g. 10.0.0.7:8080',
    );
  return set;
}

function sample(requests: readonly Attempt[], side: Side): SideSample {
  const mine = requests.filter((r) => r.side === side);
  const latencies: LatencyPoint[] = mine.flatMap((r) =>
    r.latencyMs === undefined ? [] : [{ valueMs: r.latencyMs, count: 1 }],
  );
  return { requests: mine.length, errors: mine.filter((r) => r.error).length, latencies: mergeLatencies(latencies) };
}

/**
 * The attempts of one log line: each upstream nginx tried, whether that attempt failed and its response time.
 * An attempt failed when its `$upstream_status` is 500 or more (nginx writes 502 for a refused connection and
 * 504 for a timeout); where there is no status (`-`, or a line in the format without `$upstream_status`), an
 * attempt nginx moved on from failed (it retries only on an error, a timeout or a status `proxy_next_upstream`
 * lists), and the last attempt failed when `$status` is 500 or more. A failed attempt that was retried has no
 * latency: a refused connection takes no time, and the time of a failure says nothing of how fast the version serves.
 */
function attemptsOf(line: AccessLogLine): { address: string; error: boolean; latencyMs: number | undefined }[] {
  const last = line.upstreams.length - 1;
  return line.upstreams.map((address, i) => {
    const status = line.upstreamStatuses?.[i];
    const error = status !== undefined ? status >= 500 : i === last ? line.status >= 500 : true;
    return { address, error, latencyMs: error && i < last ? undefined : line.upstreamMs[i] };
  });
}

/**
 * Builds the provider. Every upstream attempt counts as a request of the side whose server made it, so a
 * canary attempt that failed and that nginx retried on stable (`proxy_next_upstream`, on by default) is a
 * canary error even though the client got the stable server's answer (see {@link attemptsOf} for what an
 * error is). Its latency is that attempt's response time, in milliseconds; equal values are merged into one
 * point. Attempts on other upstreams, and lines nginx answered itself, are ignored. Windows are
 * `[fromMs, toMs)`; lines from after `toMs` are kept for the next window. Every request nginx proxied is in the
 * log, so the sides' counts follow the traffic weights (`splitsByWeight`).
 * @throws InputError when a side has no targets or a target is on both sides.
 */
export function createNginxLogMetrics(options: NginxLogMetricsOptions): MetricsProvider {
  const canary = targetSet('canary-targets', options.canaryTargets);
  const stable = targetSet('stable-targets', options.stableTargets);
  const both = [...canary].find((t) => stable.has(t));
  if (both !== undefined) throw new InputError('canary-targets', both, 'addresses that are not also stable targets');
  const baseline = options.baselineTargets ? targetSet('baseline-targets', options.baselineTargets) : undefined;
  const shared = [...(baseline ?? [])].find((t) => stable.has(t) || canary.has(t));
  if (shared !== undefined)
    throw new InputError('baseline-targets', shared, 'addresses that are neither stable nor canary targets');
  const tail = new LogTail(options.reader, options.path, options.maxInitialBytes ?? 8 * 1024 * 1024);
  let later: Attempt[] = [];

  const sideOf = (address: string): Side | undefined =>
    canary.has(address) ? 'canary' : stable.has(address) ? 'stable' : baseline?.has(address) ? 'baseline' : undefined;
  const classify = (line: string): Attempt[] | undefined => {
    const parsed = tryParseAccessLogLine(line);
    if (parsed === undefined) return undefined;
    return attemptsOf(parsed).flatMap(({ address, error, latencyMs }) => {
      const side = sideOf(address);
      return side === undefined ? [] : [{ timeMs: parsed.timeMs, side, error, latencyMs }];
    });
  };

  return {
    name: SOURCE,
    splitsByWeight: true,
    async collect({ fromMs, toMs }): Promise<MetricsWindow | MetricsFailure> {
      let outcome;
      try {
        outcome = await tail.next();
      } catch (error) {
        return metricsFailure(
          SOURCE,
          `Could not read nginx access log ${options.path} on ${options.reader.describe()}: ${(error as Error).message}`,
        );
      }
      if (!outcome.ok) return metricsFailure(SOURCE, outcome.message);
      const read = outcome.lines.filter((line) => line.trim() !== '').map(classify);
      if (read.length > 0 && read.every((r) => r === undefined)) {
        return metricsFailure(
          SOURCE,
          `None of the ${read.length} new lines of ${options.path} is in Shipgate's log format: add ${SHIPGATE_LOG_FORMAT} to nginx's http block and \`access_log ${options.path} ${SHIPGATE_LOG_FORMAT_NAME};\`.`,
        );
      }
      const requests = [...later, ...read.flatMap((r) => r ?? [])];
      later = requests.filter((r) => r.timeMs >= toMs);
      const inWindow = requests.filter((r) => r.timeMs >= fromMs && r.timeMs < toMs);
      return {
        ok: true,
        source: SOURCE,
        canary: sample(inWindow, 'canary'),
        stable: sample(inWindow, 'stable'),
        ...(baseline ? { baseline: sample(inWindow, 'baseline') } : {}),
        // $request_time and $upstream_response_time are whole milliseconds.
        latencyResolutionMs: 1,
      };
    },
  };
}

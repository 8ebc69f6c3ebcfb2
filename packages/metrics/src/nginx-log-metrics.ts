/**
 * The `nginx-log` metrics provider: canary and stable error rates and latencies from nginx's own access
 * log (written in {@link SHIPGATE_LOG_FORMAT}), with no Prometheus. Each call reads only what was appended
 * since the last, and puts every line in the window its `$msec` falls in.
 */
import type { LatencyPoint, MetricsFailure, MetricsProvider, MetricsWindow, SideSample } from '@shipgate/canary';
import { InputError } from '@shipgate/core';
import type { LogReader } from './log-reader.js';
import { LogTail } from './log-tail.js';
import { SHIPGATE_LOG_FORMAT, SHIPGATE_LOG_FORMAT_NAME, tryParseAccessLogLine } from './nginx-log-format.js';
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
  /** The first call reads at most this much of the log's end. Default 8 MiB. */
  maxInitialBytes?: number;
}

const SOURCE = 'nginx-log';

type Side = 'canary' | 'stable';

/** One request, reduced to what a window needs. */
interface Request {
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

function sample(requests: readonly Request[], side: Side): SideSample {
  const mine = requests.filter((r) => r.side === side);
  const latencies: LatencyPoint[] = mine.flatMap((r) =>
    r.latencyMs === undefined ? [] : [{ valueMs: r.latencyMs, count: 1 }],
  );
  return { requests: mine.length, errors: mine.filter((r) => r.error).length, latencies: mergeLatencies(latencies) };
}

/**
 * Builds the provider. A request belongs to the side of the last upstream nginx tried (the one whose answer
 * the client got); it is an error when `$status` is 500 or more, which includes nginx's own 502 and 504 for
 * a dead or slow upstream. Its latency is that upstream's response time, in milliseconds; equal values are
 * merged into one point. Lines of other upstreams, or of none, are ignored. Windows are `[fromMs, toMs)`;
 * lines from after `toMs` are kept for the next window.
 * @throws InputError when a side has no targets or a target is on both sides.
 */
export function createNginxLogMetrics(options: NginxLogMetricsOptions): MetricsProvider {
  const canary = targetSet('canary-targets', options.canaryTargets);
  const stable = targetSet('stable-targets', options.stableTargets);
  const both = [...canary].find((t) => stable.has(t));
  if (both !== undefined) throw new InputError('canary-targets', both, 'addresses that are not also stable targets');
  const tail = new LogTail(options.reader, options.path, options.maxInitialBytes ?? 8 * 1024 * 1024);
  let later: Request[] = [];

  const classify = (line: string): Request | 'ignored' | undefined => {
    const parsed = tryParseAccessLogLine(line);
    if (parsed === undefined) return undefined;
    const last = parsed.upstreams.at(-1);
    const side = last === undefined ? undefined : canary.has(last) ? 'canary' : stable.has(last) ? 'stable' : undefined;
    if (side === undefined) return 'ignored';
    return { timeMs: parsed.timeMs, side, error: parsed.status >= 500, latencyMs: parsed.upstreamMs.at(-1) };
  };

  return {
    name: SOURCE,
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
      const requests = [...later, ...read.filter((r): r is Request => typeof r === 'object')];
      later = requests.filter((r) => r.timeMs >= toMs);
      const inWindow = requests.filter((r) => r.timeMs >= fromMs && r.timeMs < toMs);
      return {
        ok: true,
        source: SOURCE,
        canary: sample(inWindow, 'canary'),
        stable: sample(inWindow, 'stable'),
        // $request_time and $upstream_response_time are whole milliseconds.
        latencyResolutionMs: 1,
      };
    },
  };
}

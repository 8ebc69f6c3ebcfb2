/**
 * The access log format the `nginx-log` provider reads, and its parser. Users add
 * {@link SHIPGATE_LOG_FORMAT} to nginx's `http` block and point an `access_log` at it.
 */

/** Name of the format in {@link SHIPGATE_LOG_FORMAT}. */
export const SHIPGATE_LOG_FORMAT_NAME = 'shipgate';

/**
 * The fields, in order: time (seconds with milliseconds), upstream address(es), upstream status(es), status,
 * upstream response time(s), total request time, request line. The three upstream fields hold one entry per
 * attempt, in order: nginx writes `a, b` when it tried `a`, then retried on `b` (`proxy_next_upstream`), and
 * `a : b` between upstream groups after an internal redirect; `-` when it tried none. They are quoted for that.
 * Every attempt is counted against the server that made it, so a canary attempt that failed and was retried on
 * stable is still a canary error.
 */
export const SHIPGATE_LOG_FIELDS =
  '$msec "$upstream_addr" "$upstream_status" $status "$upstream_response_time" $request_time "$request"';

/**
 * The directive to add to nginx's `http` block, followed by `access_log /var/log/nginx/shipgate.log shipgate;`
 * (in the `server` or `location` that proxies to the upstream).
 */
export const SHIPGATE_LOG_FORMAT = `log_format ${SHIPGATE_LOG_FORMAT_NAME} '${SHIPGATE_LOG_FIELDS}';`;

/** One access log line, as the provider needs it. */
export interface AccessLogLine {
  /** `$msec` in milliseconds since the epoch. */
  timeMs: number;
  /** Upstream servers tried, in order (empty when nginx answered itself). */
  upstreams: string[];
  /**
   * Status of each upstream attempt (`undefined` where nginx wrote `-`: no response). Absent for lines written
   * in the format before `$upstream_status` was added.
   */
  upstreamStatuses?: (number | undefined)[];
  status: number;
  /** Response time of each upstream tried, in milliseconds (`undefined` where nginx wrote `-`). */
  upstreamMs: (number | undefined)[];
}

// The fields up to `$request_time`; anything after it (the request line, fields users append) is ignored. The
// quoted `$upstream_status` is optional so that lines in the earlier format (without it) still read.
const LINE = /^(\d+(?:\.\d+)?) "([^"]*)"(?: "([^"]*)")? (\d{3}) "([^"]*)" \d+(?:\.\d+)?(?: |$)/;

function splitList(field: string): string[] {
  // `a, b` when nginx retried another server, `a : b` after an internal redirect to another upstream group.
  return field === '-' || field === '' ? [] : field.split(/\s*[,:]\s+/).filter(Boolean);
}

function toMs(seconds: string): number | undefined {
  // nginx writes response times with millisecond resolution; keep it exact.
  return seconds === '-' ? undefined : Math.round(Number(seconds) * 1_000_000) / 1000;
}

function toStatus(status: string): number | undefined {
  return /^\d{3}$/.test(status) ? Number(status) : undefined;
}

/** Parses one line written in {@link SHIPGATE_LOG_FIELDS}; `undefined` when the line is in another format. */
export function tryParseAccessLogLine(line: string): AccessLogLine | undefined {
  const m = LINE.exec(line);
  if (!m) return undefined;
  const [, msec = '', upstreams = '', upstreamStatuses, status = '', times = ''] = m;
  return {
    timeMs: Math.round(Number(msec) * 1000),
    upstreams: splitList(upstreams),
    ...(upstreamStatuses === undefined ? {} : { upstreamStatuses: splitList(upstreamStatuses).map(toStatus) }),
    status: Number(status),
    upstreamMs: splitList(times).map(toMs),
  };
}

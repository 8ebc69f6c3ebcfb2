/**
 * The access log format the `nginx-log` provider reads, and its parser. Users add
 * {@link SHIPGATE_LOG_FORMAT} to nginx's `http` block and point an `access_log` at it.
 */

/** Name of the format in {@link SHIPGATE_LOG_FORMAT}. */
export const SHIPGATE_LOG_FORMAT_NAME = 'shipgate';

/**
 * The fields, in order: time (seconds with milliseconds), upstream address(es), status, upstream response
 * time(s), total request time, request line. Upstream fields are quoted because nginx writes `a, b` when
 * it tried two servers and `-` when it tried none.
 */
export const SHIPGATE_LOG_FIELDS = '$msec "$upstream_addr" $status "$upstream_response_time" $request_time "$request"';

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
  status: number;
  /** Response time of each upstream tried, in milliseconds (`undefined` where nginx wrote `-`). */
  upstreamMs: (number | undefined)[];
}

// The first five fields; anything after `$request_time` (the request line, fields users append) is ignored.
const LINE = /^(\d+(?:\.\d+)?) "([^"]*)" (\d{3}) "([^"]*)" \d+(?:\.\d+)?(?: |$)/;

function splitList(field: string): string[] {
  // `a, b` when nginx retried another server, `a : b` after an internal redirect to another upstream group.
  return field === '-' || field === '' ? [] : field.split(/\s*[,:]\s+/).filter(Boolean);
}

function toMs(seconds: string): number | undefined {
  // nginx writes response times with millisecond resolution; keep it exact.
  return seconds === '-' ? undefined : Math.round(Number(seconds) * 1_000_000) / 1000;
}

/** Parses one line written in {@link SHIPGATE_LOG_FIELDS}; `undefined` when the line is in another format. */
export function tryParseAccessLogLine(line: string): AccessLogLine | undefined {
  const m = LINE.exec(line);
  if (!m) return undefined;
  const [, msec = '', upstreams = '', status = '', times = ''] = m;
  return {
    timeMs: Math.round(Number(msec) * 1000),
    upstreams: splitList(upstreams),
    status: Number(status),
    upstreamMs: splitList(times).map(toMs),
  };
}

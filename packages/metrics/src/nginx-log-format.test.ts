import { describe, expect, it } from 'vitest';
import { SHIPGATE_LOG_FIELDS, SHIPGATE_LOG_FORMAT, tryParseAccessLogLine } from './nginx-log-format.js';

describe('SHIPGATE_LOG_FORMAT', () => {
  it('is a log_format directive named shipgate', () => {
    expect(SHIPGATE_LOG_FORMAT).toBe(`log_format shipgate '${SHIPGATE_LOG_FIELDS}';`);
  });
});

describe('tryParseAccessLogLine', () => {
  it('reads time, upstream, status and upstream time in milliseconds', () => {
    expect(tryParseAccessLogLine('1767225600.123 "10.0.0.7:8080" 200 "0.042" 0.043 "GET /cart HTTP/1.1"')).toEqual({
      timeMs: 1767225600123,
      upstreams: ['10.0.0.7:8080'],
      status: 200,
      upstreamMs: [42],
    });
  });

  it('reads $upstream_status, one entry per attempt, with - as undefined', () => {
    expect(
      tryParseAccessLogLine(
        '1767225600.000 "10.0.0.7:8080, 10.0.0.8:8080 : 10.0.0.9:80" "502, -, 200" 200 "0.000, -, 0.003" 0.004 "GET / HTTP/1.1"',
      ),
    ).toEqual({
      timeMs: 1767225600000,
      upstreams: ['10.0.0.7:8080', '10.0.0.8:8080', '10.0.0.9:80'],
      upstreamStatuses: [502, undefined, 200],
      status: 200,
      upstreamMs: [0, undefined, 3],
    });
  });

  it('keeps every upstream tried, in order, with its time, and - as undefined', () => {
    expect(
      tryParseAccessLogLine('1767225600.000 "10.0.0.7:8080, 10.0.0.8:8080" 200 "-, 0.003" 0.004 "GET / HTTP/1.1"'),
    ).toMatchObject({
      upstreams: ['10.0.0.7:8080', '10.0.0.8:8080'],
      upstreamMs: [undefined, 3],
    });
    expect(
      tryParseAccessLogLine('1767225600.000 "a:1 : unix:/run/b.sock" 502 "0.001 : 0.000" 0.001 "GET / HTTP/1.1"'),
    ).toMatchObject({
      upstreams: ['a:1', 'unix:/run/b.sock'],
      upstreamMs: [1, 0],
    });
  });

  it('reads a request nginx answered itself as having no upstream', () => {
    expect(tryParseAccessLogLine('1767225600.000 "-" 404 "-" 0.000 "GET /x HTTP/1.1"')).toMatchObject({
      upstreams: [],
      upstreamMs: [],
      status: 404,
    });
  });

  it('ignores fields appended after $request_time', () => {
    expect(tryParseAccessLogLine('1767225600.000 "a:1" 503 "0.010" 0.011 "GET / HTTP/1.1" "curl/8.5"')).toMatchObject({
      status: 503,
      upstreamMs: [10],
    });
  });

  it('returns undefined for lines in another format', () => {
    expect(
      tryParseAccessLogLine('127.0.0.1 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/8.5"'),
    ).toBeUndefined();
    expect(tryParseAccessLogLine('')).toBeUndefined();
  });
});

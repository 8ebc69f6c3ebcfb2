import { describe, expect, it } from 'vitest';
import { InputError } from '@shipgate/core';
import {
  builtInQueries,
  checkTemplate,
  escapePromQlString,
  promQlDuration,
  renderTemplate,
} from './prometheus-queries.js';

const values = { version: 'v2', interval: '60s', selector: 'version="v2"' };

describe('builtInQueries', () => {
  it('counts requests and errors and groups latency buckets by le over the window', () => {
    expect(
      builtInQueries(
        {
          requestsMetric: 'http_requests_total',
          errorMatcher: 'code=~"5.."',
          latencyMetric: 'http_request_duration_seconds',
        },
        values,
      ),
    ).toEqual({
      requests: 'sum(increase(http_requests_total{version="v2"}[60s]))',
      errors: 'sum(increase(http_requests_total{version="v2",code=~"5.."}[60s]))',
      latencyBuckets: 'sum by (le) (increase(http_request_duration_seconds_bucket{version="v2"}[60s]))',
    });
  });
});

describe('renderTemplate', () => {
  it('fills {version}, {interval} and {selector} and leaves PromQL braces alone', () => {
    expect(renderTemplate('sum(rate(x{app="a",v="{version}"}[{interval}])) + sum(y{{selector}})', values)).toBe(
      'sum(rate(x{app="a",v="v2"}[60s])) + sum(y{version="v2"})',
    );
  });
});

describe('checkTemplate', () => {
  it('accepts known placeholders and PromQL matchers', () => {
    expect(() => checkTemplate('canaryErrors', 'sum(x{code=~"5..",v="{version}"}[{interval}])')).not.toThrow();
  });

  it('names an unknown placeholder and the allowed ones', () => {
    expect(() => checkTemplate('canaryErrors', 'sum(x{v="{verison}"}[{interval}])')).toThrow(InputError);
    expect(() => checkTemplate('canaryErrors', 'sum(x{v="{verison}"})')).toThrow(
      /\{version\}, \{interval\}, \{selector\}; \{verison\} is not one of them/,
    );
  });
});

describe('escapePromQlString', () => {
  it('escapes backslashes and quotes', () => {
    expect(escapePromQlString('a"b\\c')).toBe('a\\"b\\\\c');
  });
});

describe('promQlDuration', () => {
  it('writes whole seconds as s and the rest as ms', () => {
    expect(promQlDuration(60_000)).toBe('60s');
    expect(promQlDuration(1_500)).toBe('1500ms');
  });
});

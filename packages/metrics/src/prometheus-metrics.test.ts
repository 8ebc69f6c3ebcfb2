import { describe, expect, it, vi } from 'vitest';
import { InputError } from '@shipgate/core';
import { createPrometheusMetrics } from './prometheus-metrics.js';

const context = { version: 'v2', stage: 1 };
const window = { fromMs: 1_767_225_540_000, toMs: 1_767_225_600_000 };

/** A fetch that answers each PromQL query with the vector `answer` gives for it. */
function fakeFetch(answer: (query: string) => { metric?: Record<string, string>; value: string }[] | Response) {
  return vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    const form = new URLSearchParams(String(init?.body));
    const result = answer(form.get('query') ?? '');
    if (result instanceof Response) return result;
    const body = {
      status: 'success',
      data: {
        resultType: 'vector',
        result: result.map((r) => ({ metric: r.metric ?? {}, value: [Number(form.get('time')), r.value] })),
      },
    };
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  });
}

const base = { url: 'http://prometheus:9090/', canary: { version: 'v2' }, stable: { version: 'v1' } };

describe('createPrometheusMetrics', () => {
  it('queries at the end of the window over its length, rounds extrapolated counts and caps errors at requests', async () => {
    const fetch = fakeFetch((q) =>
      q.includes('_bucket')
        ? [
            { metric: { le: '0.1' }, value: '9.6' },
            { metric: { le: '+Inf' }, value: '10.4' },
          ]
        : q.includes('5..')
          ? [{ value: q.includes('v2') ? '10.6' : '0.4' }]
          : [{ value: '10.4' }],
    );
    const metrics = createPrometheusMetrics({ ...base, fetch });
    expect(await metrics.collect(window, context)).toEqual({
      ok: true,
      source: 'prometheus',
      canary: { requests: 10, errors: 10, latencies: [{ valueMs: 100, count: 10 }] },
      stable: { requests: 10, errors: 0, latencies: [{ valueMs: 100, count: 10 }] },
    });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('http://prometheus:9090/api/v1/query');
    expect(new URLSearchParams(String(init?.body)).get('time')).toBe('1767225600.000');
    const queries = fetch.mock.calls.map(([, i]) => new URLSearchParams(String(i?.body)).get('query'));
    expect(queries).toContain('sum(increase(http_requests_total{version="v2"}[60s]))');
    expect(queries).toContain('sum(increase(http_requests_total{version="v1",code=~"5.."}[60s]))');
  });

  it('uses a side selector and a custom version label when given', async () => {
    const fetch = fakeFetch(() => []);
    await createPrometheusMetrics({
      ...base,
      versionLabel: 'track',
      canary: { version: 'v2', selector: 'job="app",track="canary"' },
      fetch,
    }).collect(window, context);
    const queries = fetch.mock.calls.map(([, i]) => new URLSearchParams(String(i?.body)).get('query'));
    expect(queries).toContain('sum(increase(http_requests_total{job="app",track="canary"}[60s]))');
    expect(queries).toContain('sum(increase(http_requests_total{track="v1"}[60s]))');
  });

  it('fails a count query that returns several series or a value that is not a count', async () => {
    const several = createPrometheusMetrics({
      ...base,
      queries: { canaryRequests: 'http_requests_total{version="{version}"}' },
      fetch: fakeFetch((q) => (q.startsWith('http_') ? [{ value: '1' }, { value: '2' }] : [])),
    });
    expect(await several.collect(window, context)).toEqual({
      ok: false,
      source: 'prometheus',
      message:
        'Prometheus at http://prometheus:9090 returned 2 series for the canary requests query "http_requests_total{version=\\"v2\\"}"; a count query must return one: wrap it in sum(...).',
    });
    const nan = createPrometheusMetrics({
      ...base,
      fetch: fakeFetch((q) => (q.includes('5..') ? [{ value: 'NaN' }] : [])),
    });
    expect(await nan.collect(window, context)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/returned NaN for the canary errors query/),
    });
  });

  it('reports an HTTP error with its status and the start of the body', async () => {
    const metrics = createPrometheusMetrics({
      ...base,
      fetch: fakeFetch(() => new Response('<html>502 Bad Gateway</html>', { status: 502 })),
    });
    expect(await metrics.collect(window, context)).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^Prometheus at http:\/\/prometheus:9090 answered the canary requests query .* with HTTP 502: <html>502 Bad Gateway<\/html>\.$/,
      ),
    });
  });

  it('refuses a bad label name and an unknown placeholder before any query', () => {
    expect(() => createPrometheusMetrics({ ...base, versionLabel: 'app-version' })).toThrow(InputError);
    expect(() => createPrometheusMetrics({ ...base, queries: { baselineErrors: 'sum(x{v="{vesion}"})' } })).toThrow(
      /\{vesion\} is not one of them/,
    );
  });

  it('throws for a window that ends before it starts', async () => {
    await expect(
      createPrometheusMetrics({ ...base, fetch: fakeFetch(() => []) }).collect({ fromMs: 2, toMs: 1 }, context),
    ).rejects.toThrow(RangeError);
  });
});

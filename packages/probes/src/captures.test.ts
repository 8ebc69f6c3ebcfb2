import { describe, expect, it } from 'vitest';
import { extractCapture } from './captures.js';
import type { Capture } from './model.js';
import type { HttpResponse } from './transport.js';

function response(body: string, headers: Record<string, string> = {}): HttpResponse {
  return {
    ok: true,
    status: 200,
    headers,
    body,
    bodyBytes: body.length,
    url: 'http://127.0.0.1/',
    redirects: [],
    timings: { firstByteMs: 1, totalMs: 2 },
  };
}

const capture = (from: Capture['from'], expression: string): Capture => ({
  name: 'v',
  from,
  expression,
  secret: false,
});

describe('extractCapture', () => {
  const json = response('{"id":"abc","n":42,"items":[{"id":7},{"id":8}],"obj":{"a":1},"nil":null}');

  it('takes the first JSON path match, as is for strings and JSON-encoded otherwise', () => {
    expect(extractCapture(capture('json', '$.id'), json)).toEqual({ value: 'abc' });
    expect(extractCapture(capture('json', '$.n'), json)).toEqual({ value: '42' });
    expect(extractCapture(capture('json', '$.items[*].id'), json)).toEqual({ value: '7' });
    expect(extractCapture(capture('json', '$.obj'), json)).toEqual({ value: '{"a":1}' });
    expect(extractCapture(capture('json', '$.nil'), json)).toEqual({ value: 'null' });
  });

  it('says when the path matches nothing or the body is not JSON', () => {
    expect(extractCapture(capture('json', '$.missing'), json)).toEqual({
      error: '$.missing matched nothing in the response body',
    });
    expect(extractCapture(capture('json', '$.id'), response('<html>')).error).toMatch(
      /^the response body is not valid JSON: /,
    );
  });

  it('reports an invalid path instead of throwing', () => {
    expect(extractCapture(capture('json', '$.a['), json).error).toBe(
      "'$.a[' is not a valid JSON path: unclosed bracket at position 4",
    );
  });

  it('takes a header value by case-insensitive name', () => {
    const res = response('', { etag: 'W/"1"' });
    expect(extractCapture(capture('header', 'ETag'), res)).toEqual({ value: 'W/"1"' });
    expect(extractCapture(capture('header', 'location'), res)).toEqual({
      error: "the response has no 'location' header",
    });
  });

  it('takes the first group of a regex, or the whole match without groups', () => {
    const res = response('session token=abc123; other token=zzz');
    expect(extractCapture(capture('regex', 'token=(\\w+)'), res)).toEqual({ value: 'abc123' });
    expect(extractCapture(capture('regex', '\\d+'), res)).toEqual({ value: '123' });
    expect(extractCapture(capture('regex', '(x)?token'), res)).toEqual({ value: '' });
    expect(extractCapture(capture('regex', 'nope=(\\w+)'), res)).toEqual({
      error: '/nope=(\\w+)/ did not match the response body',
    });
    expect(extractCapture(capture('regex', '('), res).error).toMatch(/Invalid regular expression/);
  });
});

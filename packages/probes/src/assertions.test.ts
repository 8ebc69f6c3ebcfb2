import { describe, expect, it } from 'vitest';
import { checkHttpResponse, checkLatency, checkStatus, checkText, formatActual } from './assertions.js';
import type { HttpExpectations, JsonAssertion } from './model.js';
import type { HttpResponse } from './transport.js';

function response(body: string, status = 200, headers: Record<string, string> = {}): HttpResponse {
  return {
    ok: true,
    status,
    headers,
    body,
    bodyBytes: body.length,
    url: 'http://127.0.0.1/',
    redirects: [],
    timings: { firstByteMs: 1, totalMs: 2 },
  };
}

function expectations(partial: Partial<HttpExpectations>): HttpExpectations {
  return { status: [{ from: 200, to: 299 }], json: [], headers: [], body: [], latency: {}, ...partial };
}

const BODY = JSON.stringify({
  status: 'ok',
  count: '12',
  items: [
    { id: 1, tag: 'a' },
    { id: 2, tag: 'b' },
  ],
  list: ['x', 'y'],
  nil: null,
});

function json(assertion: Omit<JsonAssertion, 'path'> & { path?: string }, body = BODY) {
  const [, result] = checkHttpResponse(expectations({ json: [{ path: '$.status', ...assertion }] }), response(body));
  return result;
}

describe('checkStatus', () => {
  it('passes inside any range and describes the ranges', () => {
    expect(checkStatus([{ from: 200, to: 299 }], 204)).toEqual({
      target: 'status',
      operator: 'in',
      expected: '200-299',
      actual: '204',
      passed: true,
    });
    expect(
      checkStatus(
        [
          { from: 204, to: 204 },
          { from: 404, to: 404 },
        ],
        404,
      ).expected,
    ).toBe('204, 404');
    expect(
      checkStatus(
        [
          { from: 200, to: 299 },
          { from: 301, to: 301 },
        ],
        500,
      ),
    ).toMatchObject({ passed: false, actual: '500' });
  });
});

describe('checkHttpResponse', () => {
  it('checks status, headers, JSON and body in that order', () => {
    const location = { file: 'p.yml', line: 3, column: 9 };
    const results = checkHttpResponse(
      expectations({
        headers: [{ name: 'Content-Type', operator: 'contains', expected: 'application/json', location }],
        json: [{ path: '$.status', operator: 'equals', expected: 'ok' }],
        body: [{ operator: 'matches', expected: '^\\{' }],
      }),
      response(BODY, 200, { 'content-type': 'application/json; charset=utf-8' }),
    );
    expect(results).toEqual([
      { target: 'status', operator: 'in', expected: '200-299', actual: '200', passed: true },
      {
        target: 'header content-type',
        operator: 'contains',
        expected: 'contains "application/json"',
        actual: '"application/json; charset=utf-8"',
        passed: true,
        location,
      },
      { target: 'json $.status', operator: 'equals', expected: 'equals "ok"', actual: '"ok"', passed: true },
      { target: 'body', operator: 'matches', expected: 'matches /^\\{/', actual: formatActual(BODY), passed: true },
    ]);
  });

  it('fails JSON assertions with the parse error when the body is not JSON', () => {
    const result = json({ operator: 'exists' }, '<html>oops</html>');
    expect(result?.passed).toBe(false);
    expect(result?.actual).toMatch(/^body is not valid JSON: Unexpected token/);
  });

  it('judges absent headers: positive operators fail, negative ones and not-exists pass', () => {
    const check = (operator: 'equals' | 'not-contains' | 'exists' | 'not-exists') =>
      checkHttpResponse(
        expectations({ headers: [{ name: 'x-powered-by', operator, expected: 'php' }] }),
        response(''),
      )[1];
    expect(check('equals')).toMatchObject({ passed: false, actual: '(no match)' });
    expect(check('exists')).toMatchObject({ passed: false, expected: 'exists' });
    expect(check('not-contains')?.passed).toBe(true);
    expect(check('not-exists')?.passed).toBe(true);
  });

  it('applies each JSON operator', () => {
    expect(json({ operator: 'not-equals', expected: 'down' })?.passed).toBe(true);
    expect(json({ path: '$.list', operator: 'contains', expected: 'y' })?.passed).toBe(true);
    expect(json({ operator: 'contains', expected: 'o' })?.passed).toBe(true);
    expect(json({ operator: 'not-contains', expected: 'o' })?.passed).toBe(false);
    expect(json({ operator: 'matches', expected: '^o.$' })?.passed).toBe(true);
    expect(json({ operator: 'not-matches', expected: 'x' })?.passed).toBe(true);
    expect(json({ path: '$.items[0]', operator: 'equals', expected: { tag: 'a', id: 1 } })?.passed).toBe(true);
    expect(json({ path: '$.items', operator: 'type', expected: 'array' })?.passed).toBe(true);
    expect(json({ path: '$.nil', operator: 'type', expected: 'null' })?.passed).toBe(true);
    expect(json({ path: '$.nil', operator: 'exists' })?.passed).toBe(true);
    expect(json({ path: '$.gone', operator: 'not-exists' })?.passed).toBe(true);
    expect(json({ path: '$.gone', operator: 'exists' })).toMatchObject({ passed: false, actual: '(no match)' });
  });

  it('compares numbers, numeric strings included, and explains a non-number', () => {
    expect(json({ path: '$.count', operator: 'greater-than', expected: 10 })?.passed).toBe(true);
    expect(json({ path: '$.items[0].id', operator: 'less-than', expected: 2 })?.passed).toBe(true);
    expect(json({ operator: 'less-than', expected: 5 })).toMatchObject({
      passed: false,
      expected: 'less-than 5',
      actual: '"ok" (not a number)',
    });
  });

  it('passes positive operators on any match and negative ones only on all', () => {
    expect(json({ path: '$.items[*].id', operator: 'equals', expected: 2 })).toMatchObject({
      passed: true,
      actual: '2',
    });
    expect(json({ path: '$.items[*].id', operator: 'equals', expected: 3 })).toMatchObject({
      passed: false,
      actual: '[1,2] (2 matches)',
    });
    expect(json({ path: '$.items[*].tag', operator: 'not-equals', expected: 'b' })).toMatchObject({
      passed: false,
      actual: '"b"',
    });
    expect(json({ path: '$.items[*].tag', operator: 'not-equals', expected: 'c' })?.passed).toBe(true);
    expect(json({ path: '$.gone', operator: 'equals', expected: 1 })).toMatchObject({
      passed: false,
      actual: '(no match)',
    });
  });

  it('describes a type mismatch', () => {
    expect(json({ operator: 'type', expected: 'number' })).toMatchObject({
      passed: false,
      expected: 'type number',
      actual: '"ok" (a value of type string)',
    });
  });
});

describe('checkText', () => {
  it('checks text with the body operators under the given target', () => {
    const results = checkText(
      [
        { operator: 'equals', expected: 'PONG' },
        { operator: 'contains', expected: 'ON' },
        { operator: 'not-contains', expected: 'ERR' },
        { operator: 'matches', expected: '^P' },
        { operator: 'not-matches', expected: '^P' },
      ],
      'PONG',
      'reply',
    );
    expect(results.map((r) => [r.target, r.expected, r.passed])).toEqual([
      ['reply', 'equals "PONG"', true],
      ['reply', 'contains "ON"', true],
      ['reply', 'not-contains "ERR"', true],
      ['reply', 'matches /^P/', true],
      ['reply', 'not-matches /^P/', false],
    ]);
    expect(results[4]?.actual).toBe('"PONG"');
  });

  it('shortens long text without splitting a surrogate pair', () => {
    const text = `${'a'.repeat(198)}😀${'b'.repeat(50)}`;
    const [result] = checkText([{ operator: 'equals', expected: 'x' }], text, 'body');
    // The JSON quote takes one unit: the emoji would straddle unit 200, so it is dropped whole.
    expect(result?.actual).toBe(`"${'a'.repeat(198)}…`);
  });
});

describe('checkLatency', () => {
  it('grades against exclusive budgets', () => {
    const budget = { degradedMs: 300, failedMs: 1000 };
    expect(checkLatency(budget, 300)).toBe('ok');
    expect(checkLatency(budget, 301)).toBe('degraded');
    expect(checkLatency(budget, 1001)).toBe('failed');
    expect(checkLatency({}, 99_999)).toBe('ok');
    expect(checkLatency({ failedMs: 10 }, 11)).toBe('failed');
  });
});

describe('formatActual', () => {
  it('JSON-encodes and keeps short values whole', () => {
    expect(formatActual('ok')).toBe('"ok"');
    expect(formatActual({ a: [1] })).toBe('{"a":[1]}');
    expect(formatActual(undefined)).toBe('undefined');
  });

  it('cuts at 200 units with an ellipsis', () => {
    expect(formatActual('x'.repeat(500))).toBe(`"${'x'.repeat(199)}…`);
  });
});

import { describe, expect, it } from 'vitest';
import { FakeTransport, fakeFailure, fakeResponse } from '../testing/fake-transport.js';
import type {
  FlowProbe,
  HttpExpectations,
  HttpProbe,
  HttpRequestTemplate,
  ProbeDefinition,
  SecurityHeadersProbe,
} from '../model.js';
import { runPool, runSuite, type EngineDependencies, type EngineSettings } from './engine.js';
import { percentile } from './stats.js';
import { judgeSuite } from './verdict.js';

const request = (url: string, method = 'GET'): HttpRequestTemplate => ({
  method,
  url,
  headers: {},
  followRedirects: true,
  maxRedirects: 5,
  verifyTls: true,
});
const expectations = (over: Partial<HttpExpectations> = {}): HttpExpectations => ({
  status: [{ from: 200, to: 299 }],
  json: [],
  headers: [],
  body: [],
  latency: {},
  ...over,
});
const http = (name: string, over: Partial<HttpProbe> = {}): HttpProbe => ({
  name,
  kind: 'http',
  tags: [],
  critical: false,
  timeoutMs: 1000,
  retries: 0,
  request: request(`/${name}`),
  expect: expectations(),
  ...over,
});

const settings: EngineSettings = {
  baseUrl: 'http://app.test',
  concurrency: 4,
  successThreshold: 1,
  roundIntervalMs: 1000,
  maxBodyBytes: 1_000_000,
  retryDelayMs: () => 100,
};

function deps(transport: FakeTransport, secrets: string[] = []): EngineDependencies & { slept: number[] } {
  let clock = 0;
  const slept: number[] = [];
  return {
    transport,
    now: () => clock,
    wallClock: () => new Date('2026-06-01T00:00:00Z'),
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    onSecret: (v) => secrets.push(v),
    slept,
  };
}

describe('runSuite', () => {
  it('runs every probe within the concurrency limit and passes when all pass', async () => {
    const transport = new FakeTransport({ http: async () => fakeResponse() });
    const probes = Array.from({ length: 10 }, (_, i) => http(`p${i}`));
    const result = await runSuite(probes, { ...settings, concurrency: 3 }, deps(transport));
    expect(result.verdict).toBe('pass');
    expect(result.passed).toBe(10);
    expect(transport.maxInFlight).toBe(3);
    expect((transport.requests[0]?.request as { url: string }).url).toBe('http://app.test/p0');
  });

  it('retries network errors and timeouts only, counting attempts', async () => {
    const transport = new FakeTransport({
      http: (req) =>
        req.url.endsWith('/refused')
          ? fakeFailure('connection-refused', 'connection refused')
          : req.url.endsWith('/tls')
            ? fakeFailure('tls', 'certificate has expired')
            : fakeResponse({ status: 500 }),
    });
    const d = deps(transport);
    const result = await runSuite(
      [http('refused', { retries: 2 }), http('tls', { retries: 2 }), http('status', { retries: 2 })],
      settings,
      d,
    );
    expect(result.probes.map((p) => [p.name, p.attempts])).toEqual([
      ['refused', 3],
      ['tls', 1],
      ['status', 1],
    ]);
    expect(result.probes[0]?.reason).toBe('connection refused');
    expect(result.probes[2]?.reason).toBe('status: expected 200-299, got 500');
    expect(d.slept).toEqual([100, 100]);
  });

  it('waits until healthy, rerunning only the failing probes, and says when it became healthy', async () => {
    let calls = 0;
    const transport = new FakeTransport({
      http: (req) => (req.url.endsWith('/flaky') && ++calls < 3 ? fakeResponse({ status: 503 }) : fakeResponse()),
    });
    const result = await runSuite(
      [http('steady'), http('flaky')],
      { ...settings, waitUntilHealthyMs: 60_000 },
      deps(transport),
    );
    expect(result.verdict).toBe('pass');
    expect(result.rounds).toBe(3);
    expect(result.healthyAfterMs).toBe(2000);
    expect(transport.requests.filter((r) => (r.request as { url: string }).url.endsWith('/steady'))).toHaveLength(1);
  });

  it('gives up waiting when the time is up, saying so', async () => {
    const transport = new FakeTransport({ http: () => fakeResponse({ status: 503 }) });
    const result = await runSuite([http('down')], { ...settings, waitUntilHealthyMs: 3500 }, deps(transport));
    expect(result.verdict).toBe('fail');
    // Rounds at 0, 1, 2 and 3 s; a fifth would start at 4 s, past the 3.5 s deadline.
    expect(result.rounds).toBe(4);
    expect(result.reason).toMatch(/still after 4 rounds over 3 s of waiting/);
  });

  it('fails only the probe whose evaluation throws (a hostile answer), and runs the others', async () => {
    const transport = new FakeTransport({
      http: async (r) => {
        if (r.url.endsWith('/hostile')) throw new RangeError('Maximum call stack size exceeded');
        return fakeResponse();
      },
    });
    const result = await runSuite(
      [http('hostile', { request: request('https://x/hostile') }), http('fine')],
      settings,
      deps(transport),
    );
    expect(result.probes.map((p) => [p.name, p.status])).toEqual([
      ['hostile', 'failed'],
      ['fine', 'passed'],
    ]);
    expect(result.probes[0]?.reason).toBe('the probe could not be evaluated: Maximum call stack size exceeded');
  });

  it('judges latency: degraded passes, over the failure budget fails', async () => {
    const transport = new FakeTransport({
      http: (req) => fakeResponse({ timings: { firstByteMs: 1, totalMs: req.url.endsWith('/slow') ? 1500 : 400 } }),
    });
    const latency = { degradedMs: 300, failedMs: 1000 };
    const result = await runSuite(
      [http('medium', { expect: expectations({ latency }) }), http('slow', { expect: expectations({ latency }) })],
      { ...settings, successThreshold: 0.5 },
      deps(transport),
    );
    expect(result.probes.map((p) => p.status)).toEqual(['degraded', 'failed']);
    expect(result.probes[1]?.reason).toBe('response took 1500 ms, over the failure budget of 1000 ms');
    expect(result.verdict).toBe('pass');
  });
});

describe('flow probes', () => {
  const flow: FlowProbe = {
    name: 'crud',
    kind: 'flow',
    tags: [],
    critical: true,
    timeoutMs: 1000,
    retries: 0,
    steps: [
      {
        name: 'create',
        request: { ...request('/items', 'POST'), body: '{"name":"x"}' },
        expect: expectations({ status: [{ from: 201, to: 201 }] }),
        captures: [
          { name: 'id', from: 'json', expression: '$.id', secret: false },
          { name: 'token', from: 'header', expression: 'x-session', secret: true },
        ],
      },
      {
        name: 'read',
        request: {
          ...request('/items/${steps.create.id}'),
          headers: { authorization: 'Bearer ${steps.create.token}' },
        },
        expect: expectations(),
        captures: [],
      },
    ],
    cleanup: [
      {
        name: 'delete',
        request: request('/items/${steps.create.id}', 'DELETE'),
        expect: expectations({ status: [{ from: 204, to: 204 }] }),
        captures: [],
      },
    ],
  };

  it('passes captured values to later steps, masks secret captures, and runs cleanup', async () => {
    const transport = new FakeTransport({
      http: (req) =>
        req.method === 'POST'
          ? fakeResponse({
              status: 201,
              json: { id: 42 },
              headers: { 'content-type': 'application/json', 'x-session': 'sess-abcdef123' },
            })
          : req.method === 'DELETE'
            ? fakeResponse({ status: 204, body: '' })
            : fakeResponse({ json: { id: 42 } }),
    });
    const secrets: string[] = [];
    const result = await runSuite([flow], settings, deps(transport, secrets));
    expect(result.verdict).toBe('pass');
    const urls = transport.requests.map(
      (r) => `${(r.request as { method: string }).method} ${(r.request as { url: string }).url}`,
    );
    expect(urls).toEqual([
      'POST http://app.test/items',
      'GET http://app.test/items/42',
      'DELETE http://app.test/items/42',
    ]);
    expect((transport.requests[1]?.request as { headers: Record<string, string> }).headers.authorization).toBe(
      'Bearer sess-abcdef123',
    );
    expect(secrets).toEqual(['sess-abcdef123']);
    expect(result.probes[0]?.steps?.map((s) => s.status)).toEqual(['passed', 'passed', 'passed']);
  });

  it('skips the rest after a failed step but still cleans up', async () => {
    const transport = new FakeTransport({
      http: (req) =>
        req.method === 'POST'
          ? fakeResponse({ status: 201, json: { id: 7 } })
          : req.method === 'DELETE'
            ? fakeResponse({ status: 204, body: '' })
            : fakeResponse({ status: 404 }),
    });
    const create = { ...flow.steps[0]!, captures: [flow.steps[0]!.captures[0]!] };
    const read = { ...flow.steps[1]!, request: request('/items/${steps.create.id}') };
    const result = await runSuite(
      [{ ...flow, steps: [create, read, { ...read, name: 'again' }] }],
      settings,
      deps(transport),
    );
    const probe = result.probes[0]!;
    expect(probe.status).toBe('failed');
    expect(probe.reason).toBe("step 'read': status: expected 200-299, got 404");
    expect(probe.steps?.map((s) => `${s.name}:${s.status}`)).toEqual([
      'create:passed',
      'read:failed',
      'again:skipped',
      'delete:passed',
    ]);
    expect(result.reason).toMatch(/^Critical probe 'crud' failed: step 'read'/);
  });

  it('skips a cleanup step whose captured value never arrived', async () => {
    const transport = new FakeTransport({ http: () => fakeResponse({ status: 500 }) });
    const result = await runSuite([flow], settings, deps(transport));
    expect(result.probes[0]?.steps?.map((s) => s.status)).toEqual(['failed', 'skipped', 'skipped']);
    expect(transport.requests).toHaveLength(1);
  });
});

describe('flow probes: captured values', () => {
  it('are URL-encoded into URLs and JSON-escaped into JSON bodies', async () => {
    const probe: FlowProbe = {
      name: 'encode',
      kind: 'flow',
      tags: [],
      critical: false,
      timeoutMs: 1000,
      retries: 0,
      cleanup: [],
      steps: [
        {
          name: 'a',
          request: request('/a'),
          expect: expectations(),
          captures: [{ name: 'v', from: 'json', expression: '$.v', secret: false }],
        },
        {
          name: 'b',
          request: { ...request('/items/${steps.a.v}', 'POST'), body: '{"name":"${steps.a.v}"}', bodyIsJson: true },
          expect: expectations(),
          captures: [],
        },
      ],
    };
    const transport = new FakeTransport({ http: () => fakeResponse({ json: { v: 'a/b?"c"' } }) });
    await runSuite([probe], settings, deps(transport));
    const sent = transport.requests[1]?.request as { url: string; body: string };
    expect(sent.url).toBe('http://app.test/items/a%2Fb%3F%22c%22');
    expect(JSON.parse(sent.body)).toEqual({ name: 'a/b?"c"' });
  });
});

describe('security-headers probes', () => {
  it('fails on missing required headers and scores all five', async () => {
    const probe: SecurityHeadersProbe = {
      name: 'sec',
      kind: 'security-headers',
      tags: [],
      critical: false,
      timeoutMs: 1000,
      retries: 0,
      request: request('/'),
      require: ['x-content-type-options', 'content-security-policy'],
    };
    const transport = new FakeTransport({
      http: () =>
        fakeResponse({
          headers: { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' },
        }),
    });
    const result = await runSuite([probe], settings, deps(transport));
    expect(result.probes[0]?.status).toBe('failed');
    expect(result.probes[0]?.reason).toBe('missing or weak: content-security-policy (score 60/100)');
    expect(result.probes[0]?.details).toEqual({
      score: 60,
      present: ['x-content-type-options', 'frame-protection', 'referrer-policy'],
      missing: ['strict-transport-security', 'content-security-policy'],
    });
  });
});

describe('judgeSuite', () => {
  const result = (name: string, status: 'passed' | 'failed', critical = false) => ({
    name,
    kind: 'http' as const,
    tags: [],
    critical,
    status,
    attempts: 1,
    durationMs: 10,
    timings: { totalMs: 10 },
    assertions: [],
    reason: status === 'failed' ? 'boom' : undefined,
  });
  it('fails on any critical failure whatever the threshold', () => {
    expect(judgeSuite([result('a', 'passed'), result('b', 'failed', true)], 0).verdict).toBe('fail');
  });
  it('applies the success threshold to the rest', () => {
    const probes = [result('a', 'passed'), result('b', 'passed'), result('c', 'passed'), result('d', 'failed')];
    expect(judgeSuite(probes, 0.75)).toMatchObject({ verdict: 'pass', successRate: 0.75 });
    expect(judgeSuite(probes, 0.8).reason).toBe(
      "3 of 4 probes passed (75%), below the success threshold of 80%; failed: 'd'.",
    );
  });
});

describe('percentile', () => {
  it('interpolates between ranks', () => {
    expect(percentile([10, 20, 30, 40], 50)).toBe(25);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 100], 95)).toBeCloseTo(23.05);
    expect(percentile([], 95)).toBe(0);
  });
});

describe('runPool', () => {
  it('keeps input order', async () => {
    expect(await runPool([3, 1, 2], 2, async (n) => n * 2)).toEqual([6, 2, 4]);
  });
});

export type { ProbeDefinition };

import { describe, expect, it } from 'vitest';
import { InputError } from '@shipgate/core';
import { FakeLogReader } from './testing/fake-log-reader.js';
import { createNginxLogMetrics } from './nginx-log-metrics.js';

const CANARY = '10.0.0.2:8080';
const STABLE = '10.0.0.1:8080';
const context = { version: 'v2', stage: 1 };
const T = 1_767_225_600_000;

/** A line at `T + ms` in Shipgate's format. */
const line = (ms: number, upstream: string, status = 200, seconds = '0.010') =>
  `${((T + ms) / 1000).toFixed(3)} "${upstream}" ${status} "${seconds}" 0.011 "GET / HTTP/1.1"\n`;

/** A line at `T + ms` with `$upstream_status`, one entry per attempt. */
const attempts = (ms: number, upstreams: string, statuses: string, status: number, seconds: string) =>
  `${((T + ms) / 1000).toFixed(3)} "${upstreams}" "${statuses}" ${status} "${seconds}" 0.011 "GET / HTTP/1.1"\n`;

function setup(text = '') {
  const reader = new FakeLogReader(text);
  const metrics = createNginxLogMetrics({
    reader,
    path: '/var/log/nginx/shipgate.log',
    canaryTargets: [CANARY],
    stableTargets: [`http://${STABLE}/`],
  });
  return { reader, metrics };
}

describe('createNginxLogMetrics', () => {
  it('counts requests, 5xx errors and upstream times per side, ignoring other upstreams and nginx itself', async () => {
    const { metrics } = setup(
      line(0, CANARY) +
        line(1, CANARY, 502, '0.000') +
        line(2, STABLE, 200, '0.020') +
        line(3, STABLE, 404, '0.020') +
        line(4, '10.0.0.9:80') +
        line(5, '-', 404, '-'),
    );
    expect(await metrics.collect({ fromMs: T, toMs: T + 1000 }, context)).toEqual({
      ok: true,
      source: 'nginx-log',
      canary: {
        requests: 2,
        errors: 1,
        latencies: [
          { valueMs: 0, count: 1 },
          { valueMs: 10, count: 1 },
        ],
      },
      stable: { requests: 2, errors: 0, latencies: [{ valueMs: 20, count: 2 }] },
      latencyResolutionMs: 1,
    });
  });

  it('counts every attempt against the server that made it: a canary attempt retried on stable is a canary error', async () => {
    const { metrics } = setup(
      attempts(0, `${CANARY}, ${STABLE}`, '502, 200', 200, '0.000, 0.030') +
        attempts(1, `${CANARY}, ${STABLE}`, '504, 200', 200, '1.000, 0.020') +
        attempts(2, `${STABLE}, ${CANARY}`, '-, 200', 200, '0.001, 0.010') +
        attempts(3, CANARY, '200', 200, '0.012'),
    );
    expect(await metrics.collect({ fromMs: T, toMs: T + 1000 }, context)).toMatchObject({
      canary: {
        requests: 4,
        errors: 2,
        latencies: [
          { valueMs: 10, count: 1 },
          { valueMs: 12, count: 1 },
        ],
      },
      stable: {
        requests: 3,
        errors: 1,
        latencies: [
          { valueMs: 20, count: 1 },
          { valueMs: 30, count: 1 },
        ],
      },
    });
  });

  it('counts attempts across upstream groups after an internal redirect', async () => {
    const { metrics } = setup(attempts(0, `${CANARY} : ${STABLE}`, '503 : 200', 200, '0.004 : 0.010'));
    expect(await metrics.collect({ fromMs: T, toMs: T + 1000 }, context)).toMatchObject({
      canary: { requests: 1, errors: 1 },
      stable: { requests: 1, errors: 0 },
    });
  });

  it('does not count a last attempt without a status as an error when the client closed the request (499)', async () => {
    const { metrics } = setup(attempts(0, CANARY, '-', 499, '-'));
    expect(await metrics.collect({ fromMs: T, toMs: T + 1000 }, context)).toMatchObject({
      canary: { requests: 1, errors: 0 },
    });
  });

  it('reads lines in the format without $upstream_status: an attempt nginx moved on from failed', async () => {
    const { metrics } = setup(line(0, `${CANARY}, ${STABLE}`, 200, '0.001, 0.030'));
    expect(await metrics.collect({ fromMs: T, toMs: T + 1000 }, context)).toMatchObject({
      canary: { requests: 1, errors: 1, latencies: [] },
      stable: { requests: 1, errors: 0, latencies: [{ valueMs: 30, count: 1 }] },
    });
  });

  it('counts the baseline as its own side, and refuses a baseline address that is also stable or canary', async () => {
    const BASELINE = '10.0.0.3:8080';
    const metrics = createNginxLogMetrics({
      reader: new FakeLogReader(line(0, BASELINE, 500) + line(1, BASELINE) + line(2, CANARY) + line(3, STABLE)),
      path: '/var/log/nginx/shipgate.log',
      canaryTargets: [CANARY],
      stableTargets: [STABLE],
      baselineTargets: [BASELINE],
    });
    expect(await metrics.collect({ fromMs: T, toMs: T + 1000 }, context)).toMatchObject({
      canary: { requests: 1, errors: 0 },
      stable: { requests: 1, errors: 0 },
      baseline: { requests: 2, errors: 1 },
    });
    expect(() =>
      createNginxLogMetrics({
        reader: new FakeLogReader(''),
        path: '/x.log',
        canaryTargets: [CANARY],
        stableTargets: [STABLE],
        baselineTargets: [CANARY],
      }),
    ).toThrow(/baseline-targets/);
  });

  it('says its sides follow the traffic weights', () => {
    expect(setup().metrics.splitsByWeight).toBe(true);
  });

  it('reads only what was appended, and keeps lines from after the window for the next one', async () => {
    const { reader, metrics } = setup(line(-5, CANARY) + line(10, CANARY));
    const first = await metrics.collect({ fromMs: T, toMs: T + 1000 }, context);
    const size = Buffer.byteLength(line(-5, CANARY) + line(10, CANARY));
    reader.append(line(1500, CANARY, 500) + line(2500, STABLE));
    const second = await metrics.collect({ fromMs: T + 1000, toMs: T + 2000 }, context);
    const third = await metrics.collect({ fromMs: T + 2000, toMs: T + 3000 }, context);
    expect([first, second, third].map((w) => w.ok && [w.canary.requests, w.canary.errors, w.stable.requests])).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
    const appended = Buffer.byteLength(line(1500, CANARY, 500) + line(2500, STABLE));
    expect(reader.reads.map((r) => r.fromByte)).toEqual([Number.MAX_SAFE_INTEGER, 0, size, size + appended]);
  });

  it('leaves a half-written last line for the next call', async () => {
    const { reader, metrics } = setup(line(0, CANARY) + line(1, CANARY).slice(0, 20));
    expect(await metrics.collect({ fromMs: T, toMs: T + 1000 }, context)).toMatchObject({ canary: { requests: 1 } });
    reader.append(line(1, CANARY).slice(20));
    expect(await metrics.collect({ fromMs: T, toMs: T + 1000 }, context)).toMatchObject({ canary: { requests: 1 } });
  });

  it('starts over when the log was truncated', async () => {
    const { reader, metrics } = setup(line(0, CANARY) + line(1, CANARY) + line(2, CANARY));
    await metrics.collect({ fromMs: T, toMs: T + 1000 }, context);
    reader.truncate();
    reader.append(line(1001, STABLE, 503));
    expect(await metrics.collect({ fromMs: T + 1000, toMs: T + 2000 }, context)).toMatchObject({
      canary: { requests: 0 },
      stable: { requests: 1, errors: 1 },
    });
    expect(reader.reads.at(-1)?.fromByte).toBe(0);
  });

  it('reads only the end of a large log at first', async () => {
    const old = Array.from({ length: 100 }, (_, i) => line(-100_000 + i, CANARY)).join('');
    const reader = new FakeLogReader(old + line(5, CANARY));
    const metrics = createNginxLogMetrics({
      reader,
      path: '/log',
      canaryTargets: [CANARY],
      stableTargets: [STABLE],
      maxInitialBytes: 200,
    });
    expect(await metrics.collect({ fromMs: T, toMs: T + 1000 }, context)).toMatchObject({ canary: { requests: 1 } });
    expect(reader.reads[1]?.fromByte).toBe(Buffer.byteLength(old + line(5, CANARY)) - 200);
  });

  it('fails when the log does not exist, but not while a rotated log is being recreated', async () => {
    const missing = setup();
    missing.reader.remove();
    expect(await missing.metrics.collect({ fromMs: T, toMs: T + 1000 }, context)).toEqual({
      ok: false,
      source: 'nginx-log',
      message: 'nginx access log /var/log/nginx/shipgate.log does not exist on a fake host.',
    });
    const { reader, metrics } = setup(line(0, CANARY));
    await metrics.collect({ fromMs: T, toMs: T + 1000 }, context);
    reader.remove();
    expect(await metrics.collect({ fromMs: T + 1000, toMs: T + 2000 }, context)).toMatchObject({
      ok: true,
      canary: { requests: 0 },
    });
    reader.append(line(2001, CANARY));
    expect(await metrics.collect({ fromMs: T + 2000, toMs: T + 3000 }, context)).toMatchObject({
      ok: true,
      canary: { requests: 1 },
    });
  });

  it('fails when no new line is in its format, saying what to add to nginx', async () => {
    const { metrics } = setup('127.0.0.1 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/8.5"\n');
    const window = await metrics.collect({ fromMs: T, toMs: T + 1000 }, context);
    expect(window).toMatchObject({ ok: false, source: 'nginx-log' });
    expect(!window.ok && window.message).toMatch(
      /None of the 1 new lines .* log_format shipgate '\$msec .*access_log \/var\/log\/nginx\/shipgate.log shipgate;/,
    );
  });

  it('reports a reader that throws as a failure of this window', async () => {
    const reader = {
      describe: () => 'deploy@10.0.0.5',
      read: async () => Promise.reject(new Error('ssh: connect to host 10.0.0.5 port 22: Connection refused')),
    };
    const metrics = createNginxLogMetrics({ reader, path: '/log', canaryTargets: [CANARY], stableTargets: [STABLE] });
    expect(await metrics.collect({ fromMs: T, toMs: T + 1000 }, context)).toEqual({
      ok: false,
      source: 'nginx-log',
      message:
        'Could not read nginx access log /log on deploy@10.0.0.5: ssh: connect to host 10.0.0.5 port 22: Connection refused',
    });
  });

  it('rejects a side without targets and a target on both sides', () => {
    const reader = new FakeLogReader('');
    expect(() => createNginxLogMetrics({ reader, path: '/log', canaryTargets: [], stableTargets: [STABLE] })).toThrow(
      InputError,
    );
    expect(() =>
      createNginxLogMetrics({ reader, path: '/log', canaryTargets: [STABLE], stableTargets: [STABLE] }),
    ).toThrow(/not also stable targets/);
  });
});

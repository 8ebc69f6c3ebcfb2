import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  makeCa,
  makeCertificate,
  startDnsServer,
  startHttpsTestServer,
  startHttpTestServer,
  startSilentTcpServer,
  startTcpEchoServer,
  startWebSocketServer,
} from '../support/probe-servers/index.js';
import { getFreePort } from '../support/services/free-port.js';
import { useService } from '../support/services/use-service.js';
import { runAction } from '../support/run-action.js';
import { probeOf, readReport, workspaceWith } from './probes-workspace.js';

const ACTION = 'synthetic-probes';
const TOKEN = 'probe-api-token-5f2c9e1d7a';

describe('synthetic-probes: every kind against real servers', () => {
  it('passes a suite of http, flow, tcp, tls, websocket, dns and security-headers probes', async () => {
    const http = await useService(startHttpTestServer({ token: TOKEN }));
    const ca = makeCa();
    const https = await useService(
      startHttpsTestServer({
        cert: makeCertificate({ commonName: 'localhost', altNames: ['localhost', '127.0.0.1'], issuer: ca }),
      }),
    );
    const tcp = await useService(startTcpEchoServer());
    const ws = await useService(startWebSocketServer());
    const dns = await useService(startDnsServer({ records: { 'api.test': ['10.1.2.3'] } }));
    const probes = `
probes:
  - name: health
    tags: [quick]
    critical: true
    url: /ok
    expect:
      status: 200
      json: [{path: $.status, equals: ok}]
      headers: [{name: content-type, contains: application/json}]
      latency: {degraded: 2s, failed: 5s}
  - name: items
    kind: flow
    tags: [critical-path]
    steps:
      - name: create
        method: POST
        url: /items
        headers: {Authorization: "Bearer \${env:API_TOKEN}"}
        json: {name: probe}
        expect: {status: 201}
        capture: {id: {json: $.id}}
      - name: read
        url: /items/\${steps.create.id}
        headers: {Authorization: "Bearer \${env:API_TOKEN}"}
        expect: {json: [{path: $.name, equals: probe}]}
    cleanup:
      - name: delete
        method: DELETE
        url: /items/\${steps.create.id}
        headers: {Authorization: "Bearer \${env:API_TOKEN}"}
        expect: {status: 204}
  - {name: echo, kind: tcp, host: 127.0.0.1, port: ${tcp.port}, send: "PING\\r\\n", expect: {contains: PONG}}
  - {name: certificate, kind: tls, host: 127.0.0.1, port: ${https.port}, servername: localhost, min-days: 30, ca: "\${env:CA_PEM}"}
  - {name: socket, kind: websocket, url: "${ws.url}/echo", send: hello, expect: {equals: hello}}
  - {name: resolve, kind: dns, host: api.test, server: "${dns.address}", expect: [10.1.2.3]}
  - {name: headers, kind: security-headers, url: /secure-headers}
`;
    const run = await runAction(
      ACTION,
      { 'base-url': http.url },
      { workspace: workspaceWith({ '.github/probes.yml': probes }), env: { API_TOKEN: TOKEN, CA_PEM: ca.certPem } },
    );
    const report = readReport(run);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'pass', passed: '7', failed: '0', 'success-rate': '1' });
    expect(Number(run.outputs['p95-ms'])).toBeGreaterThan(0);
    expect(report.schema).toBe('shipgate/synthetic-probes/v1');
    expect(probeOf(report, 'health').timings.firstByteMs).toBeGreaterThan(0);
    expect(probeOf(report, 'certificate').details).toMatchObject({
      daysRemaining: 89,
      subjectAltNames: expect.arrayContaining(['localhost']),
    });
    expect(probeOf(report, 'resolve').details).toEqual({ addresses: ['10.1.2.3'] });
    expect(probeOf(report, 'headers').details).toMatchObject({ score: 100 });
    expect(http.requests('/items')).toBe(1);
    expect(run.summary).toContain('Synthetic probes passed: 7 of 7 (100%)');
    expect(run.annotations).toEqual([]);
    for (const text of [
      run.log,
      run.summary,
      JSON.stringify(run.outputs),
      readFileSync(run.outputs.report ?? '', 'utf8'),
    ])
      expect(text).not.toContain(TOKEN);
  });
});

describe('synthetic-probes: faults are failed probes with precise reasons, never crashes or hangs', () => {
  it('reports each fault, retries only network errors, and annotates the probe line', async () => {
    const http = await useService(startHttpTestServer());
    const silent = await useService(startSilentTcpServer());
    const ca = makeCa();
    const expired = await useService(
      startHttpsTestServer({
        cert: makeCertificate({
          commonName: 'localhost',
          altNames: ['127.0.0.1'],
          issuer: ca,
          notBefore: new Date(Date.now() - 40 * 86_400_000),
          notAfter: new Date(Date.now() - 86_400_000),
        }),
      }),
    );
    const closedPort = await getFreePort();
    const probes = [
      'probes:',
      '  - {name: wrong-status, url: /status/503, retries: 2}',
      '  - {name: wrong-json, url: /ok, expect: {json: [{path: $.status, equals: healthy}]}}',
      '  - {name: hangs, url: /hang, timeout: 500ms}',
      '  - {name: huge-body, url: /big?mb=50}',
      '  - {name: loops, url: /redirect/loop}',
      '  - {name: not-json, url: /invalid-json, expect: {json: [{path: $.a, exists: true}]}}',
      '  - {name: drops, url: /close}',
      `  - {name: refused, url: "http://127.0.0.1:${closedPort}/", retries: 2}`,
      `  - {name: expired, url: "${expired.url}/ok"}`,
      `  - {name: silent-tcp, kind: tcp, host: 127.0.0.1, port: ${silent.port}, send: "hi\\n", expect: {contains: ok}, timeout: 400ms}`,
    ].join('\n');
    const run = await runAction(
      ACTION,
      { 'base-url': http.url },
      {
        workspace: workspaceWith({ '.github/probes.yml': `${probes}\n` }),
        env: { NODE_EXTRA_CA_CERTS: writeCa(ca.certPem) },
      },
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'fail', passed: '0', failed: '10' });
    const report = readReport(run);
    const reason = (name: string): string => probeOf(report, name).reason ?? '';
    expect(reason('wrong-status')).toBe('status: expected 200-299, got 503');
    expect(probeOf(report, 'wrong-status').attempts).toBe(1);
    expect(reason('wrong-json')).toBe('json $.status: expected equals "healthy", got "ok"');
    expect(reason('hangs')).toMatch(/no response within 500 ms/);
    expect(reason('huge-body')).toMatch(/response body exceeded 10485760 bytes/);
    expect(reason('loops')).toMatch(/^redirect loop/);
    expect(reason('not-json')).toMatch(/not valid JSON/);
    expect(reason('drops')).toMatch(/connection closed before the response completed/);
    expect(reason('refused')).toMatch(/refused/);
    expect(probeOf(report, 'refused').attempts).toBe(3);
    expect(reason('expired')).toMatch(/certificate has expired \(CERT_HAS_EXPIRED\)/);
    expect(reason('silent-tcp')).toMatch(/400 ms/);
    const annotation = run.annotations.find((a) => a.title === "Probe 'wrong-json' failed");
    expect(annotation).toMatchObject({
      level: 'error',
      file: '.github/probes.yml',
      line: 3,
      message: 'json $.status: expected equals "healthy", got "ok"',
    });
    expect(run.summary).toContain('❌ Synthetic probes failed: 0 of 10 (0%)');
    expect(run.summary).toContain('| json $.status | equals "healthy" | "ok" |');
  });

  it('uses the success threshold, and a failing critical probe always fails the suite', async () => {
    const http = await useService(startHttpTestServer());
    const file = (critical: boolean) =>
      workspaceWith({
        '.github/probes.yml': `probes:\n  - {name: a, url: /ok}\n  - {name: b, url: /ok}\n  - {name: c, url: /ok}\n  - {name: d, url: /status/500, critical: ${critical}}\n`,
      });
    const lenient = await runAction(
      ACTION,
      { 'base-url': http.url, 'success-threshold': '0.75' },
      { workspace: file(false) },
    );
    expect(lenient.exitCode).toBe(0);
    expect(lenient.outputs).toMatchObject({ result: 'pass', 'success-rate': '0.75' });
    const critical = await runAction(
      ACTION,
      { 'base-url': http.url, 'success-threshold': '0.5' },
      { workspace: file(true) },
    );
    expect(critical.exitCode).toBe(1);
    expect(critical.annotations.at(-1)?.message).toBe("Critical probe 'd' failed: status: expected 200-299, got 500.");
  });
});

describe('synthetic-probes: TLS verification', () => {
  it('rejects a self-signed certificate unless tls-verify is off', async () => {
    const https = await useService(
      startHttpsTestServer({
        cert: makeCertificate({ commonName: 'localhost', altNames: ['127.0.0.1'], selfSigned: true }),
      }),
    );
    const probes = `probes:\n  - {name: verified, url: "${https.url}/ok"}\n  - {name: unverified, url: "${https.url}/ok", tls-verify: false}\n`;
    const run = await runAction(
      ACTION,
      { 'success-threshold': '0.5' },
      { workspace: workspaceWith({ '.github/probes.yml': probes }) },
    );
    const report = readReport(run);
    expect(probeOf(report, 'verified').reason).toMatch(/self-signed certificate/);
    expect(probeOf(report, 'unverified').status).toBe('passed');
  });
});

describe('synthetic-probes: suites, waiting and config', () => {
  it('runs only the probes tagged for the suite', async () => {
    const http = await useService(startHttpTestServer());
    const workspace = workspaceWith({
      '.github/probes.yml':
        'probes:\n  - {name: a, url: /ok, tags: [quick]}\n  - {name: b, url: /status/500, tags: [comprehensive-only]}\n',
    });
    const run = await runAction(ACTION, { 'base-url': http.url, suite: 'quick' }, { workspace });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.passed).toBe('1');
    expect(http.requests('/status/500')).toBe(0);
    const none = await runAction(ACTION, { 'base-url': http.url, suite: 'smoke' }, { workspace });
    expect(none.exitCode).toBe(1);
    expect(none.annotations.at(-1)?.message).toMatch(
      /has no probe tagged 'smoke'.*\nTags in the file: comprehensive-only, quick/s,
    );
  });

  it('waits until the service becomes healthy and reports how long it took', async () => {
    const http = await useService(startHttpTestServer());
    // /once-per-connection style flakiness is not enough here: the route turns healthy after 3 requests.
    const workspace = workspaceWith({
      '.github/probes.yml': 'probes:\n  - {name: warming, url: /healthy-after?n=3}\n',
    });
    const run = await runAction(
      ACTION,
      { 'base-url': http.url, 'wait-until-healthy': '30s', 'wait-interval': '100ms' },
      { workspace },
    );
    expect(run.exitCode, run.stdout).toBe(0);
    const report = readReport(run);
    // 503 for the first three requests: rounds at 0, 100, 200 and 300 ms; the fourth passes.
    expect(report.data.rounds).toBe(4);
    expect(report.data.healthyAfterMs).toBeGreaterThanOrEqual(300);
    expect(run.summary).toMatch(/healthy after \d+\.\d s/);
  });

  it('reads probes from the probes section of .github/shipgate.yml', async () => {
    const http = await useService(startHttpTestServer());
    const workspace = workspaceWith({
      '.github/shipgate.yml': 'version: 1\nprobes:\n  - {name: from-config, url: /ok}\n',
    });
    const run = await runAction(ACTION, { 'base-url': http.url }, { workspace });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(readReport(run).data.probes.map((p) => p.name)).toEqual(['from-config']);
  });
});

describe('synthetic-probes: bad input fails before any probe runs', () => {
  const cases: [string, string, Record<string, string>, RegExp][] = [
    [
      'an unknown kind',
      'probes:\n  - {name: a, kind: smtp, url: /ok}\n',
      {},
      /\.github\/probes\.yml:2:\d+: .*'smtp'.*http, flow, tcp, tls, websocket, dns, security-headers/,
    ],
    [
      'a duplicate name',
      'probes:\n  - {name: a, url: /ok}\n  - {name: a, url: /ok}\n',
      {},
      /\.github\/probes\.yml:3:\d+: .*another probe has this name \(probes\.0, line 2\): probe names must be unique/,
    ],
    [
      'an unset variable',
      'probes:\n  - {name: a, url: /ok, headers: {X-Key: "${env:NOT_SET_ANYWHERE}"}}\n',
      {},
      /NOT_SET_ANYWHERE.*not set/,
    ],
    [
      'a bad regex',
      'probes:\n  - {name: a, url: /ok, expect: {body: [{matches: "(unclosed"}]}}\n',
      {},
      /\.github\/probes\.yml:2:\d+: .*regular expression/i,
    ],
    [
      'a bad JSON path',
      'probes:\n  - {name: a, url: /ok, expect: {json: [{path: "$.items[", equals: 1}]}}\n',
      {},
      /not a valid JSON path/,
    ],
    [
      'a threshold out of range',
      'probes:\n  - {name: a, url: /ok}\n',
      { 'success-threshold': '95' },
      /^Input 'success-threshold' has an invalid value "95": expected a number from 0 to 1\.$/,
    ],
    [
      'a relative URL without base-url',
      'probes:\n  - {name: a, url: /ok}\n',
      { 'base-url': '' },
      /relative URL '\/ok' but no base URL is set/,
    ],
  ];

  it.each(cases)('%s', async (_name, file, inputs, message) => {
    const http = await useService(startHttpTestServer());
    const run = await runAction(
      ACTION,
      { 'base-url': http.url, ...inputs },
      { workspace: workspaceWith({ '.github/probes.yml': file }) },
    );
    expect(run.exitCode).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error').at(-1)?.message).toMatch(message);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    expect(http.requests()).toBe(0);
  });

  it('says where the missing probe file should be', async () => {
    const run = await runAction(ACTION, {}, { workspace: workspaceWith({}) });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.at(-1)?.message).toMatch(/^Input 'probes' has an invalid value "\.github\/probes\.yml"/);
  });
});

function writeCa(pem: string): string {
  const path = join(workspaceWith({}), 'ca.pem');
  writeFileSync(path, pem);
  return path;
}

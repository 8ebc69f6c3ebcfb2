import { describe, expect, it } from 'vitest';
import { ConfigError } from '@shipgate/core';
import complete from '../../../../test/fixtures/probes/complete.yml?raw';
import embedded from '../../../../test/fixtures/probes/embedded.yml?raw';
import type {
  DnsProbe,
  FlowProbe,
  HttpProbe,
  SecurityHeadersProbe,
  TcpProbe,
  TlsProbe,
  WebSocketProbe,
} from '../model.js';
import { parseProbeFile } from './parse-probe-file.js';

const FILE = '.github/probes.yml';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
const ENV = { API_TOKEN: 'tok-123456', OWNER: 'team-a', CA_PEM: PEM };

const parse = (text: string, env: Record<string, string | undefined> = {}) => parseProbeFile(text, FILE, { env });

function problem(text: string, env: Record<string, string | undefined> = {}): string {
  try {
    parse(text, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message.replace(`${FILE}:`, '');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** A one-probe file from the probe's YAML lines (indented under `- `). */
const probe = (...lines: string[]): string => `probes:\n  - ${lines.join('\n    ')}\n`;

describe('parseProbeFile', () => {
  describe('the complete fixture', () => {
    const suite = parse(complete, ENV);
    const byName = <T>(name: string): T => suite.probes.find((p) => p.name === name) as T;

    it('reads every probe, in order, with the file name', () => {
      expect(suite.file).toBe(FILE);
      expect(suite.probes.map((p) => [p.name, p.kind])).toEqual([
        ['api-health', 'http'],
        ['create item', 'http'],
        ['crud', 'flow'],
        ['redis', 'tcp'],
        ['cert', 'tls'],
        ['ws', 'websocket'],
        // The model's DnsProbe.name is both the probe's name and the name resolved (see the report).
        ['resolve', 'dns'],
        ['headers', 'security-headers'],
      ]);
    });

    it('applies the probe settings over the defaults, durations in milliseconds', () => {
      const health = byName<HttpProbe>('api-health');
      expect(health).toMatchObject({
        tags: ['quick', 'critical-path'],
        critical: true,
        timeoutMs: 5000,
        retries: 1,
        location: { file: FILE, line: 9, column: 5 },
      });
      expect(health.request).toEqual({
        method: 'GET',
        url: '/health',
        headers: { 'User-Agent': 'shipgate-probes', Authorization: 'Bearer tok-123456' },
        followRedirects: true,
        maxRedirects: 5,
        verifyTls: true,
      });
      expect(byName<HttpProbe>('create item')).toMatchObject({
        tags: [],
        critical: false,
        timeoutMs: 10_000,
        retries: 0,
      });
    });

    it('reads HTTP expectations: statuses, JSON, header and body assertions, latency', () => {
      const { expect: expectations } = byName<HttpProbe>('api-health');
      expect(expectations.status).toEqual([
        { from: 200, to: 299 },
        { from: 301, to: 301 },
      ]);
      expect(expectations.json.map(({ path, operator, expected }) => [path, operator, expected])).toEqual([
        ['$.status', 'equals', 'ok'],
        ['$.checks[*].healthy', 'not-equals', false],
        ['$.version', 'matches', '^\\d+\\.\\d+'],
        ['$.uptime', 'greater-than', 0],
        ['$.error', 'not-exists', undefined],
        ['$.checks', 'type', 'array'],
      ]);
      expect(expectations.json[0]?.location).toEqual({ file: FILE, line: 24, column: 11 });
      expect(expectations.headers).toEqual([
        {
          name: 'content-type',
          operator: 'contains',
          expected: 'application/json',
          location: { file: FILE, line: 37, column: 11 },
        },
      ]);
      expect(expectations.body.map(({ operator, expected }) => [operator, expected])).toEqual([
        ['contains', 'ok'],
        ['matches', '^\\{'],
      ]);
      expect(expectations.latency).toEqual({ degradedMs: 300, failedMs: 1000 });
    });

    it('serialises a JSON body, adds its content type and upper-cases the method', () => {
      const { request, expect: expectations } = byName<HttpProbe>('create item');
      expect(request).toMatchObject({
        method: 'POST',
        url: 'https://api.example.com/items',
        body: '{"name":"probe","owner":"team-a"}',
      });
      expect(request.headers['content-type']).toBe('application/json');
      expect(expectations.status).toEqual([{ from: 200, to: 299 }]);
    });

    it('reads flow steps, captures and cleanup, leaving step references for run time', () => {
      const crud = byName<FlowProbe>('crud');
      expect(crud.steps.map((s) => s.name)).toEqual(['create', 'read']);
      expect(crud.steps[0]?.captures).toEqual([
        { name: 'id', from: 'json', expression: '$.id', secret: false },
        { name: 'etag', from: 'header', expression: 'etag', secret: false },
        { name: 'token', from: 'regex', expression: 'token=(\\w+)', secret: true },
      ]);
      expect(crud.steps[1]?.request).toMatchObject({
        url: '/items/${steps.create.id}',
        headers: { 'If-Match': '${steps.create.etag}' },
      });
      expect(crud.cleanup).toHaveLength(1);
      expect(crud.cleanup[0]).toMatchObject({
        name: 'delete',
        request: { method: 'DELETE' },
        expect: {
          status: [
            { from: 204, to: 204 },
            { from: 404, to: 404 },
          ],
        },
      });
      expect(crud.steps[0]?.location).toEqual({ file: FILE, line: 52, column: 9 });
    });

    it('reads tcp, tls, websocket, dns and security-headers probes', () => {
      expect(byName<TcpProbe>('redis')).toMatchObject({
        host: '127.0.0.1',
        port: 6379,
        send: 'PING\r\n',
        expect: [{ operator: 'contains', expected: 'PONG' }],
      });
      expect(byName<TlsProbe>('cert')).toMatchObject({
        host: 'example.com',
        port: 443,
        servername: 'example.com',
        minDaysRemaining: 14,
        verifyHostname: true,
        ca: PEM,
      });
      expect(byName<WebSocketProbe>('ws')).toMatchObject({
        url: 'ws://127.0.0.1:8080/echo',
        send: 'hello',
        expect: [{ operator: 'equals', expected: 'hello' }],
        verifyTls: true,
        headers: { 'User-Agent': 'shipgate-probes' },
      });
      expect(byName<DnsProbe>('resolve')).toMatchObject({
        host: 'api.example.com',
        record: 'A',
        server: '127.0.0.1:5353',
        expectAddresses: ['10.0.0.1'],
      });
      expect(byName<SecurityHeadersProbe>('headers')).toMatchObject({
        request: { url: '/' },
        require: ['strict-transport-security', 'content-security-policy'],
      });
    });

    it('returns the values substituted into headers, bodies and the CA as secrets', () => {
      expect(suite.secrets).toEqual(['tok-123456', 'team-a', PEM]);
    });
  });

  describe('defaults', () => {
    it('uses the built-in ones when the file has none', () => {
      const [only] = parse(probe('name: a', 'url: /a')).probes;
      expect(only).toMatchObject({
        kind: 'http',
        timeoutMs: 10_000,
        retries: 0,
        critical: false,
        tags: [],
        request: { method: 'GET', headers: {} },
      });
      expect((only as HttpProbe).expect.status).toEqual([{ from: 200, to: 299 }]);
    });

    it('lets a probe override a default header whatever its case', () => {
      const text = `defaults:\n  headers: {User-Agent: x, Accept: '*/*'}\n${probe('name: a', 'url: /a', 'headers: {user-agent: y}')}`;
      expect((parse(text).probes[0] as HttpProbe).request.headers).toEqual({ Accept: '*/*', 'user-agent': 'y' });
    });

    it('keeps a content type given for a JSON body', () => {
      const text = probe(
        'name: a',
        'url: /a',
        'method: PUT',
        'headers: {Content-Type: application/merge-patch+json}',
        'json: [1, 2]',
      );
      expect((parse(text).probes[0] as HttpProbe).request).toMatchObject({
        body: '[1,2]',
        headers: { 'Content-Type': 'application/merge-patch+json' },
      });
    });

    it('gives tls probes port 443, 14 days and hostname checks', () => {
      expect(parse(probe('name: c', 'kind: tls', 'host: example.com')).probes[0]).toMatchObject({
        port: 443,
        minDaysRemaining: 14,
        verifyHostname: true,
      });
    });

    it('requires every security header unless told which', () => {
      expect(
        (parse(probe('name: h', 'kind: security-headers', 'url: /')).probes[0] as SecurityHeadersProbe).require,
      ).toHaveLength(5);
    });
  });

  describe('embedded in .github/shipgate.yml', () => {
    it('reads only the probes list, with the built-in defaults', () => {
      const suite = parseProbeFile(embedded, '.github/shipgate.yml', { env: {}, embedded: true });
      expect(suite.probes).toMatchObject([
        { name: 'health', timeoutMs: 10_000, location: { file: '.github/shipgate.yml', line: 9 } },
      ]);
    });

    it('returns no probes when the file has no probes section', () => {
      expect(parseProbeFile('environments: {}\n', '.github/shipgate.yml', { env: {}, embedded: true }).probes).toEqual(
        [],
      );
    });

    it('reports problems at their place in that file', () => {
      expect(() =>
        parseProbeFile('canary-deploy: {}\nprobes:\n  - {name: a, url: a}\n', '.github/shipgate.yml', {
          env: {},
          embedded: true,
        }),
      ).toThrow(".github/shipgate.yml:3:20: 'probes.0.url' probe 'a': 'a' is not a valid URL");
    });
  });

  describe('environment variables', () => {
    it('substitutes everywhere, and treats values of secret-looking names as secrets', () => {
      const text = probe('name: a', 'url: "https://${env:HOST}/x?api_key=${env:API_KEY}"', 'timeout: ${env:TIMEOUT}');
      const suite = parse(text, { HOST: 'api.test', API_KEY: 'k-999999', TIMEOUT: '2s' });
      expect(suite.probes[0]).toMatchObject({
        timeoutMs: 2000,
        request: { url: 'https://api.test/x?api_key=k-999999' },
      });
      expect(suite.secrets).toEqual(['k-999999']);
    });

    it('refuses an empty variable', () => {
      expect(problem(probe('name: a', 'url: /a', 'body: "${env:EMPTY}"'), { EMPTY: '' })).toBe(
        "4:11: 'probes.0.body' probe 'a': ${env:EMPTY} is used, but EMPTY is not set (or is empty)",
      );
    });

    it('refuses a variable whose value breaks a header', () => {
      expect(problem(probe('name: a', 'url: /a', 'headers: {X-A: "${env:A}"}'), { A: 'x\r\nInjected: 1' })).toBe(
        "4:20: 'probes.0.headers.X-A' probe 'a': the value has a line break, which a header cannot hold",
      );
    });
  });

  describe('captures', () => {
    it('marks captures secret by flag, by name, or by an authorization or cookie header', () => {
      const text = probe(
        'name: f',
        'kind: flow',
        'steps:',
        '  - name: login',
        '    url: /login',
        '    capture:',
        '      session-id: {json: $.id}',
        '      cookie: {header: Set-Cookie}',
        '      plain: {regex: "v=(\\\\d+)"}',
        '      hidden: {json: $.x, secret: true}',
      );
      const [step] = (parse(text).probes[0] as FlowProbe).steps;
      expect(step?.captures.map((c) => [c.name, c.expression, c.secret])).toEqual([
        ['session-id', '$.id', true],
        ['cookie', 'set-cookie', true],
        ['plain', 'v=(\\d+)', false],
        ['hidden', '$.x', true],
      ]);
    });

    it('lets cleanup use any step, and steps use earlier ones in urls, headers and bodies', () => {
      const text = probe(
        'name: f',
        'kind: flow',
        'steps:',
        '  - {name: a, url: /a, capture: {id: {json: $.id}}}',
        '  - {name: b, url: /b, headers: {X-Id: "${steps.a.id}"}, json: {id: "${steps.a.id}"}, capture: {v: {header: etag}}}',
        'cleanup:',
        '  - {name: c, url: "/c/${steps.b.v}"}',
      );
      const flow = parse(text).probes[0] as FlowProbe;
      expect(flow.steps[1]?.request.body).toBe('{"id":"${steps.a.id}"}');
      expect(flow.cleanup[0]?.request.url).toBe('/c/${steps.b.v}');
    });
  });
});

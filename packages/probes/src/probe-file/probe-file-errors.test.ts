import { describe, expect, it } from 'vitest';
import { ConfigError } from '@shipgate/core';
import badAbsoluteUrl from '../../../../test/fixtures/probes/broken/bad-absolute-url.yml?raw';
import badDuration from '../../../../test/fixtures/probes/broken/bad-duration.yml?raw';
import badJsonPath from '../../../../test/fixtures/probes/broken/bad-json-path.yml?raw';
import badRegex from '../../../../test/fixtures/probes/broken/bad-regex.yml?raw';
import badType from '../../../../test/fixtures/probes/broken/bad-type.yml?raw';
import bodyAndJson from '../../../../test/fixtures/probes/broken/body-and-json.yml?raw';
import captureMissing from '../../../../test/fixtures/probes/broken/capture-missing.yml?raw';
import dnsWrongAddress from '../../../../test/fixtures/probes/broken/dns-wrong-address.yml?raw';
import duplicateProbe from '../../../../test/fixtures/probes/broken/duplicate-probe.yml?raw';
import duplicateStep from '../../../../test/fixtures/probes/broken/duplicate-step.yml?raw';
import envMalformed from '../../../../test/fixtures/probes/broken/env-malformed.yml?raw';
import envUnset from '../../../../test/fixtures/probes/broken/env-unset.yml?raw';
import keyForOtherKind from '../../../../test/fixtures/probes/broken/key-for-other-kind.yml?raw';
import latencyInverted from '../../../../test/fixtures/probes/broken/latency-inverted.yml?raw';
import minDaysNegative from '../../../../test/fixtures/probes/broken/min-days-negative.yml?raw';
import notYaml from '../../../../test/fixtures/probes/broken/not-yaml.yml?raw';
import portOutOfRange from '../../../../test/fixtures/probes/broken/port-out-of-range.yml?raw';
import relativeUrl from '../../../../test/fixtures/probes/broken/relative-url.yml?raw';
import statusBadForm from '../../../../test/fixtures/probes/broken/status-bad-form.yml?raw';
import statusOutOfRange from '../../../../test/fixtures/probes/broken/status-out-of-range.yml?raw';
import statusRangeBackwards from '../../../../test/fixtures/probes/broken/status-range-backwards.yml?raw';
import stepKey from '../../../../test/fixtures/probes/broken/step-key.yml?raw';
import stepLater from '../../../../test/fixtures/probes/broken/step-later.yml?raw';
import stepReferenceOutsideFlow from '../../../../test/fixtures/probes/broken/step-reference-outside-flow.yml?raw';
import stepUnknown from '../../../../test/fixtures/probes/broken/step-unknown.yml?raw';
import twoOperators from '../../../../test/fixtures/probes/broken/two-operators.yml?raw';
import unknownKey from '../../../../test/fixtures/probes/broken/unknown-key.yml?raw';
import unknownKind from '../../../../test/fixtures/probes/broken/unknown-kind.yml?raw';
import websocketHttpUrl from '../../../../test/fixtures/probes/broken/websocket-http-url.yml?raw';
import websocketRelativeUrl from '../../../../test/fixtures/probes/broken/websocket-relative-url.yml?raw';
import { parseProbeFile } from './parse-probe-file.js';

const FILE = '.github/probes.yml';

/** Each broken fixture, and the exact message it must produce (the file is shown as `.github/probes.yml`). */
const BROKEN: [name: string, text: string, message: string][] = [
  [
    'unknown-kind',
    unknownKind,
    ".github/probes.yml:3:11: 'probes.0.kind' probe 'api': unknown kind 'htp': the kinds are http, flow, tcp, tls, websocket, dns, security-headers",
  ],
  [
    'key-for-other-kind',
    keyForOtherKind,
    ".github/probes.yml:6:10: 'probes.0.url' probe 'redis': key 'url' does not apply to a tcp probe: its keys are name, kind, tags, critical, timeout, retries, host, port, send, expect",
  ],
  [
    'unknown-key',
    unknownKey,
    ".github/probes.yml:6:16: 'probes.0.expect.latnecy' probe 'api': unknown key 'latnecy': the keys of an HTTP expect block are status, json, headers, body, latency",
  ],
  [
    'step-key',
    stepKey,
    ".github/probes.yml:7:18: 'probes.0.steps.0.timeout' probe 'crud': key 'timeout' does not apply to a flow step: set it on the probe, where it applies to each step",
  ],
  [
    'bad-absolute-url',
    badAbsoluteUrl,
    ".github/probes.yml:3:10: 'probes.0.url' probe 'api': 'api.example.com/health' is not a valid URL: write an absolute http(s) URL (https://api.example.com/health) or a path starting with / (relative to the base-url input)",
  ],
  [
    'relative-url',
    relativeUrl,
    ".github/probes.yml:3:10: 'probes.0.url' probe 'api': 'health' is not a valid URL: write an absolute http(s) URL (https://api.example.com/health) or a path starting with / (relative to the base-url input)",
  ],
  [
    'websocket-http-url',
    websocketHttpUrl,
    ".github/probes.yml:4:10: 'probes.0.url' probe 'ws': 'https://127.0.0.1:8080/echo' uses https:, but a websocket probe needs an absolute ws:// or wss:// URL (ws://127.0.0.1:8080/echo)",
  ],
  [
    'websocket-relative-url',
    websocketRelativeUrl,
    ".github/probes.yml:4:10: 'probes.0.url' probe 'ws': '/echo' is relative: a websocket probe needs an absolute ws:// or wss:// URL (ws://127.0.0.1:8080/echo); base-url applies to HTTP probes only",
  ],
  [
    'bad-regex',
    badRegex,
    ".github/probes.yml:6:20: 'probes.0.expect.body.0.matches' probe 'api': '^(ok' is not a valid regular expression: Unterminated group",
  ],
  [
    'bad-json-path',
    badJsonPath,
    ".github/probes.yml:14:30: 'probes.2.steps.1.capture.id.json' probe 'crud': '$.items[' is not a valid JSON path: unclosed bracket at position 8",
  ],
  [
    'env-unset',
    envUnset,
    ".github/probes.yml:5:22: 'probes.0.headers.Authorization' probe 'api': ${env:API_TOKEN} is used, but API_TOKEN is not set (or is empty)",
  ],
  [
    'env-malformed',
    envMalformed,
    ".github/probes.yml:5:22: 'probes.0.headers.Authorization' probe 'api': '${env.API_TOKEN}' is not a valid placeholder: write ${env:NAME} or ${steps.<step>.<capture>}",
  ],
  [
    'duplicate-probe',
    duplicateProbe,
    ".github/probes.yml:8:11: 'probes.2.name' probe 'api': another probe has this name (probes.0, line 2): probe names must be unique",
  ],
  [
    'duplicate-step',
    duplicateStep,
    ".github/probes.yml:10:15: 'probes.0.cleanup.0.name' probe 'crud': step name 'create' is already used by probes.0.steps.0: step names must be unique within a flow",
  ],
  [
    'step-unknown',
    stepUnknown,
    ".github/probes.yml:11:14: 'probes.0.steps.1.url' probe 'crud': step 'read' uses ${steps.creat.id}, but the flow has no step 'creat': its steps are create, read",
  ],
  [
    'step-later',
    stepLater,
    ".github/probes.yml:6:14: 'probes.0.steps.0.url' probe 'crud': step 'read' uses ${steps.create.id}, but step 'create' does not come before it: a step can only use captures of earlier steps",
  ],
  [
    'capture-missing',
    captureMissing,
    ".github/probes.yml:14:14: 'probes.0.cleanup.0.url' probe 'crud': step 'delete' uses ${steps.create.uuid}, but step 'create' does not capture 'uuid': it captures id, etag",
  ],
  [
    'step-reference-outside-flow',
    stepReferenceOutsideFlow,
    ".github/probes.yml:3:10: 'probes.0.url' probe 'api': ${steps.create.id} can only be used in the url, headers, body or json of a flow step",
  ],
  [
    'status-out-of-range',
    statusOutOfRange,
    ".github/probes.yml:5:21: 'probes.0.expect.status.1' probe 'api': status 700 is outside 100-599",
  ],
  [
    'status-range-backwards',
    statusRangeBackwards,
    ".github/probes.yml:5:15: 'probes.0.expect.status' probe 'api': status range '299-200' is backwards: write the lower status first (200-299)",
  ],
  [
    'status-bad-form',
    statusBadForm,
    ".github/probes.yml:5:15: 'probes.0.expect.status' probe 'api': '2XXX' is not a status: write a code (200), a class (2xx), a range (\"200-299\") or a list of these",
  ],
  [
    'latency-inverted',
    latencyInverted,
    ".github/probes.yml:6:19: 'probes.0.expect.latency.degraded' probe 'api': degraded (2s) is above failed (500ms): a response must be degraded before it fails",
  ],
  ['port-out-of-range', portOutOfRange, ".github/probes.yml:5:11: 'probes.0.port' probe 'redis': must be <= 65535"],
  ['min-days-negative', minDaysNegative, ".github/probes.yml:5:15: 'probes.0.min-days' probe 'cert': must be >= 0"],
  [
    'bad-type',
    badType,
    ".github/probes.yml:7:17: 'probes.0.expect.json.0.type' probe 'api': must be one of: string, number, boolean, object, array, null",
  ],
  [
    'body-and-json',
    bodyAndJson,
    ".github/probes.yml:6:11: 'probes.0.json' probe 'api': has both 'body' and 'json': give the body as text (body) or as JSON (json), not both",
  ],
  [
    'two-operators',
    twoOperators,
    ".github/probes.yml:8:21: 'probes.0.expect.json.0.contains' probe 'api': has 2 operators (equals, contains): write exactly one per assertion",
  ],
  [
    'bad-duration',
    badDuration,
    ".github/probes.yml:2:12: 'defaults.timeout' 10 is not a duration: give it a unit, such as '10s' or '10ms'",
  ],
  [
    'dns-wrong-address',
    dnsWrongAddress,
    ".github/probes.yml:6:14: 'probes.0.expect.0' probe 'resolve': '10.0.0.1' is not an IPv6 address, which an AAAA record holds",
  ],
  [
    'not-yaml',
    notYaml,
    '.github/probes.yml:4:1: is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ],
];

function configError(text: string): ConfigError {
  try {
    parseProbeFile(text, FILE, { env: {} });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseProbeFile with broken fixtures', () => {
  it.each(BROKEN)('refuses %s with the file, key path, line, column and probe', (_name, text, message) => {
    expect(configError(text).message).toBe(message);
  });

  it('carries the position and key path on the error', () => {
    const error = configError(badJsonPath);
    expect([error.file, error.path, error.line, error.column]).toEqual([
      '.github/probes.yml',
      'probes.2.steps.1.capture.id.json',
      14,
      30,
    ]);
  });

  it('says how to set a missing variable', () => {
    expect(configError(envUnset).hint).toBe(
      "Set API_TOKEN in the step's env (from a secret: API_TOKEN: ${{ secrets.API_TOKEN }}).",
    );
  });
});

/** A one-probe file from the probe's YAML lines (indented under `- `). */
const probe = (...lines: string[]): string => `probes:\n  - ${lines.join('\n    ')}\n`;

describe('parseProbeFile with inline probes', () => {
  it.each([
    [
      probe('name: r', 'kind: tcp', 'host: 127.0.0.1:6379', 'port: 6379'),
      "4:11: 'probes.0.host' probe 'r': '127.0.0.1:6379' is not a host name: write the name or IP address alone (api.example.com, 10.0.0.1), and the port in 'port'",
    ],
    [
      probe('name: c', 'kind: tls', 'host: x.test', 'ca: not a cert'),
      "5:9: 'probes.0.ca' probe 'c': is not a PEM certificate: it should hold -----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----",
    ],
    [
      probe('name: d', 'kind: dns', 'host: x.test', 'server: dns.google'),
      "5:13: 'probes.0.server' probe 'd': 'dns.google' is not a resolver address: write an IP address with an optional port (127.0.0.1:5353, [::1]:53)",
    ],
    [
      probe('name: d', 'kind: dns', 'host: x.test', 'server: "[::1]:99999"'),
      "5:13: 'probes.0.server' probe 'd': port 99999 of '[::1]:99999' is outside 1-65535",
    ],
    [
      probe('name: f', 'kind: flow', 'steps: []'),
      "4:12: 'probes.0.steps' probe 'f': has no steps: a flow needs at least one",
    ],
    [
      probe('name: f', 'kind: flow', 'steps:', '  - {name: a, url: /a, capture: {id: {json: $.id, header: etag}}}'),
      "5:63: 'probes.0.steps.0.capture.id.header' probe 'f': has 2 sources (json, header): write exactly one of json, header, regex",
    ],
    [
      probe('name: f', 'kind: flow', 'steps:', '  - {name: a, url: /a, capture: {id: {secret: true}}}'),
      "5:42: 'probes.0.steps.0.capture.id' probe 'f': says nowhere to capture from: write one of json, header, regex",
    ],
    [
      probe('name: f', 'kind: flow', 'steps:', '  - {name: a, url: /a, capture: {"my id": {json: $.id}}}'),
      "5:47: 'probes.0.steps.0.capture.my id' probe 'f': capture name 'my id' may only contain letters, digits, '_' and '-'",
    ],
    [
      probe(
        'name: f',
        'kind: flow',
        'steps:',
        '  - {name: a, url: /a, capture: {id: {json: $.id}}}',
        '  - {name: b, url: /b, expect: {json: [{path: $.id, equals: "${steps.a.id}"}]}}',
      ),
      "6:65: 'probes.0.steps.1.expect.json.0.equals' probe 'f': ${steps.a.id} can only be used in the url, headers, body or json of a flow step",
    ],
    [
      probe('name: f', 'kind: flow', 'steps:', '  - {name: a, url: "/a/${steps.a.id}", capture: {id: {json: $.id}}}'),
      "5:24: 'probes.0.steps.0.url' probe 'f': step 'a' uses ${steps.a.id}, but a step cannot use its own captures",
    ],
    [
      probe('name: a', 'url: /a', 'headers: {"X Bad": 1}'),
      "4:24: 'probes.0.headers.X Bad' probe 'a': 'X Bad' is not a valid header name: use letters, digits and - (X-Request-Id)",
    ],
    [
      probe('name: a', 'url: /a', 'expect: {status: 6xx}'),
      "4:22: 'probes.0.expect.status' probe 'a': status class '6xx' does not exist: the classes are 1xx, 2xx, 3xx, 4xx and 5xx",
    ],
    [
      probe('name: a', 'url: /a', 'expect: {status: []}'),
      "4:22: 'probes.0.expect.status' probe 'a': lists no status: write a code (200), a class (2xx), a range (\"200-299\") or a list of these",
    ],
    [
      probe('name: a', 'url: /a', 'expect: {headers: [{name: etag}]}'),
      "4:24: 'probes.0.expect.headers.0' probe 'a': has no operator: write one of equals, not-equals, contains, not-contains, matches, not-matches, less-than, greater-than, exists",
    ],
    [
      probe('name: a', 'url: /a', 'expect: {json: [{path: items, exists: true}]}'),
      "4:28: 'probes.0.expect.json.0.path' probe 'a': 'items' is not a valid JSON path: a path starts with '$' at position 1",
    ],
    [
      probe('name: a', 'url: ftp://files.test/x'),
      "3:10: 'probes.0.url' probe 'a': 'ftp://files.test/x' uses ftp:, but only http:// and https:// are probed here: write an absolute http(s) URL (https://api.example.com/health) or a path starting with / (relative to the base-url input)",
    ],
    [
      probe('name: a', 'url: //cdn.test/x'),
      "3:10: 'probes.0.url' probe 'a': '//cdn.test/x' is not a valid URL: write an absolute http(s) URL (https://api.example.com/health) or a path starting with / (relative to the base-url input)",
    ],
    [
      probe('name: a', 'url: /a', 'timeout: 0s'),
      "4:14: 'probes.0.timeout' probe 'a': '0s' is too short: it must be longer than 0",
    ],
    [
      probe('name: a', 'url: /a', 'timeout: soon'),
      "4:14: 'probes.0.timeout' probe 'a': 'soon' is not a duration: expected a duration such as '500ms', '30s', '5m', '1h' or '1m30s'",
    ],
    [
      probe('name: a', 'host: x.test'),
      "3:11: 'probes.0.host' probe 'a': key 'host' does not apply to an http probe (the kind when none is given): its keys are name, kind, tags, critical, timeout, retries, method, url, headers, body, json, follow-redirects, max-redirects, allow-downgrade, tls-verify, expect",
    ],
    [
      probe('name: t', 'kind: tcp', 'host: h', 'port: 1', 'expect: {contain: x}'),
      "6:23: 'probes.0.expect.contain' probe 't': unknown key 'contain': the keys of a text assertion are equals, contains, not-contains, matches, not-matches",
    ],
    [probe('name: a', 'kind: http'), "2:5: 'probes.0' probe 'a': is missing the required key 'url'"],
    [probe('name: a/b', 'url: /a'), "2:11: 'probes.0.name' probe 'a/b': must match pattern \"^[A-Za-z0-9 ._-]+$\""],
    [probe('url: /a'), "2:5: 'probes.0' is missing the required key 'name'"],
    ['probes: []\ncolour: red\n', "2:1: 'colour' is not a known key: allowed here are version, defaults, probes"],
  ])('%#: %s', (text, message) => {
    expect(configError(text).message).toBe(`${FILE}:${message}`);
  });
});

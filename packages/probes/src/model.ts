/**
 * Probe definitions as the engine runs them: parsed, validated, defaults applied, `${env:NAME}` variables
 * substituted. `${steps.<step>.<capture>}` placeholders stay in flow templates until the step runs.
 */

export type ProbeKind = 'http' | 'flow' | 'tcp' | 'tls' | 'websocket' | 'dns' | 'security-headers';

export const PROBE_KINDS: readonly ProbeKind[] = ['http', 'flow', 'tcp', 'tls', 'websocket', 'dns', 'security-headers'];

/** Where something was written, for errors and annotations. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** What every probe has. */
export interface ProbeCommon {
  name: string;
  kind: ProbeKind;
  /** Suites select probes by tag (`quick`, `critical-path`, `comprehensive` by convention). */
  tags: string[];
  /** A critical probe must pass whatever the success threshold says. */
  critical: boolean;
  /** Deadline for one attempt, in milliseconds. */
  timeoutMs: number;
  /** Extra attempts after a network error or timeout; never after a wrong status or a failed assertion. */
  retries: number;
  location?: SourceLocation;
}

/** An inclusive range of HTTP statuses: `200` is 200-200, `2xx` is 200-299, `200-204` is itself. */
export interface StatusRange {
  from: number;
  to: number;
}

/** Comparison operators of assertions. */
export type Operator =
  | 'equals'
  | 'not-equals'
  | 'contains'
  | 'not-contains'
  | 'matches'
  | 'not-matches'
  | 'less-than'
  | 'greater-than'
  | 'exists'
  | 'not-exists'
  | 'type';

/** A check on a value found by a JSON path in a JSON body. */
export interface JsonAssertion {
  /** JSONPath as written (`$.items[0].id`); validated at parse time. */
  path: string;
  operator: Operator;
  /** For `matches`: a regex source; for `type`: string, number, boolean, object, array or null. */
  expected?: unknown;
  location?: SourceLocation;
}

/** A check on a response header (names are case-insensitive). */
export interface HeaderAssertion {
  name: string;
  operator: Operator;
  expected?: string;
  location?: SourceLocation;
}

/** A check on the body text (or a WebSocket or TCP reply). */
export interface TextAssertion {
  operator: 'equals' | 'contains' | 'not-contains' | 'matches' | 'not-matches';
  expected: string;
  location?: SourceLocation;
}

/** Response-time levels: above `degradedMs` the probe passes as degraded; above `failedMs` it fails. */
export interface LatencyBudget {
  degradedMs?: number;
  failedMs?: number;
}

/** What an HTTP response must satisfy. */
export interface HttpExpectations {
  /** Default: 200-299. */
  status: StatusRange[];
  json: JsonAssertion[];
  headers: HeaderAssertion[];
  body: TextAssertion[];
  latency: LatencyBudget;
}

/** An HTTP request as written; strings may hold `${steps.x.y}` placeholders (flows only). */
export interface HttpRequestTemplate {
  method: string;
  /** Absolute, or relative to the `base-url` input. */
  url: string;
  headers: Record<string, string>;
  /** Text as given, or JSON serialised (with content-type set when not given). */
  body?: string;
  /** The body was written as `json:`, so captured values are JSON-escaped into it. */
  bodyIsJson?: boolean;
  followRedirects: boolean;
  maxRedirects: number;
  /** Follow a redirect from https to plain http (`allow-downgrade`); refused unless set. */
  allowDowngrade?: boolean;
  verifyTls: boolean;
}

export interface HttpProbe extends ProbeCommon {
  kind: 'http';
  request: HttpRequestTemplate;
  expect: HttpExpectations;
}

/** A value taken from a flow step's response for later steps: `${steps.<step>.<name>}`. */
export interface Capture {
  name: string;
  from: 'json' | 'header' | 'regex';
  /** A JSON path, a header name, or a regex (its first group, or the whole match when it has none). */
  expression: string;
  /** Masked everywhere (a token, a session cookie). Set explicitly, or by a name or header that looks secret. */
  secret: boolean;
}

export interface FlowStep {
  name: string;
  request: HttpRequestTemplate;
  expect: HttpExpectations;
  captures: Capture[];
  location?: SourceLocation;
}

export interface FlowProbe extends ProbeCommon {
  kind: 'flow';
  steps: FlowStep[];
  /** Run after the steps whatever happened (delete what the flow created); a failed cleanup fails the probe. */
  cleanup: FlowStep[];
}

export interface TcpProbe extends ProbeCommon {
  kind: 'tcp';
  host: string;
  port: number;
  send?: string;
  /** What the peer must answer; when absent, connecting is enough. */
  expect: TextAssertion[];
}

export interface TlsProbe extends ProbeCommon {
  kind: 'tls';
  host: string;
  port: number;
  servername?: string;
  /** Fail when the certificate expires in fewer days than this. Default 14. */
  minDaysRemaining: number;
  /** Default true. */
  verifyHostname: boolean;
  /** Extra trusted CA (PEM). */
  ca?: string;
}

export interface WebSocketProbe extends ProbeCommon {
  kind: 'websocket';
  url: string;
  headers: Record<string, string>;
  send?: string;
  /** Checks on the first message received; when empty, connecting is enough. */
  expect: TextAssertion[];
  verifyTls: boolean;
}

export interface DnsProbe extends ProbeCommon {
  kind: 'dns';
  /** The name to resolve (the probe's own `name` is its display name). */
  host: string;
  record: 'A' | 'AAAA';
  /** Resolver `host:port`; the system lookup when absent. */
  server?: string;
  /** Every one of these must be among the answers. */
  expectAddresses: string[];
}

/** The security headers we score. */
export type SecurityHeader =
  | 'strict-transport-security'
  | 'x-content-type-options'
  | 'frame-protection'
  | 'content-security-policy'
  | 'referrer-policy';

export const SECURITY_HEADERS: readonly SecurityHeader[] = [
  'strict-transport-security',
  'x-content-type-options',
  'frame-protection',
  'content-security-policy',
  'referrer-policy',
];

export interface SecurityHeadersProbe extends ProbeCommon {
  kind: 'security-headers';
  request: HttpRequestTemplate;
  /** Headers that must be present; default all five. `frame-protection` is X-Frame-Options or CSP frame-ancestors. */
  require: SecurityHeader[];
}

export type ProbeDefinition =
  HttpProbe | FlowProbe | TcpProbe | TlsProbe | WebSocketProbe | DnsProbe | SecurityHeadersProbe;

/** A parsed probe file. */
export interface ProbeSuiteDefinition {
  file: string;
  probes: ProbeDefinition[];
  /** Values that must be masked: secret `${env:...}` values substituted into the probes. */
  secrets: string[];
}

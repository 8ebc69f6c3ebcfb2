export type {
  Capture,
  DnsProbe,
  FlowProbe,
  FlowStep,
  HeaderAssertion,
  HttpExpectations,
  HttpProbe,
  HttpRequestTemplate,
  JsonAssertion,
  LatencyBudget,
  Operator,
  ProbeCommon,
  ProbeDefinition,
  ProbeKind,
  ProbeSuiteDefinition,
  SecurityHeader,
  SecurityHeadersProbe,
  SourceLocation,
  StatusRange,
  TcpProbe,
  TextAssertion,
  TlsProbe,
  WebSocketProbe,
} from './model.js';
export type {
  CertificateInfo,
  DnsRequest,
  DnsResult,
  HttpRequest,
  HttpResponse,
  HttpTimings,
  NetworkFailure,
  NetworkFailureKind,
  ProbeTransport,
  TcpRequest,
  TcpResult,
  TlsRequest,
  TlsResult,
  WebSocketRequest,
  WebSocketResult,
} from './transport.js';
export { RETRYABLE_FAILURES } from './transport.js';
export * from './engine/results.js';
export { runSuite, type EngineSettings, type EngineDependencies } from './engine/engine.js';
export { selectSuite } from './engine/select.js';
export { checkRelativeUrls } from './engine/urls.js';
export * from './probe-file/index.js';
export * from './suite-loader.js';

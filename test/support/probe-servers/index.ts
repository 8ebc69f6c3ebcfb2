/** Servers the network adapter is tested against: real sockets on 127.0.0.1, owned through `useService`. */
export {
  makeCa,
  makeCertificate,
  type CertificateAuthority,
  type CertificateOptions,
  type CertificatePair,
} from './certificates.js';
export { startDnsServer, type DnsServerOptions, type DnsTestServer } from './dns-server.js';
export { SECURITY_HEADERS } from './http-routes.js';
export {
  startHttpsTestServer,
  startHttpTestServer,
  type HttpTestServer,
  type HttpTestServerOptions,
} from './http-test-server.js';
export { startSilentTcpServer, startTcpEchoServer, type TcpTestServer } from './tcp-servers.js';
export { startWebSocketServer, type WebSocketTestServer } from './websocket-server.js';

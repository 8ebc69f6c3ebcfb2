/** The network adapter: `ProbeTransport` on Node's own modules. */
export { createNetTransport } from './net-transport.js';
export type { NetTransport, NetTransportOptions } from './net-transport.js';
export * from './http-headers.js';
export * from './redirect-policy.js';
export * from './tls-reasons.js';
export * from './websocket-frames.js';

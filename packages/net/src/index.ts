/** The network adapter: `ProbeTransport` on Node's own modules. */
export { createNetTransport } from './net-transport.js';
export type { NetTransport, NetTransportOptions } from './net-transport.js';
export { collectHeaders, redirectHeaders } from './http-headers.js';
export { redirectMethod, resolveLocation } from './redirect-policy.js';
export { parseSubjectAltNames } from './tls-reasons.js';
export { encodeFrame, FrameReader, Opcode, type Frame } from './websocket-frames.js';
export { createOsvClient, OSV_API_URL, type OsvClientOptions } from './osv-client.js';

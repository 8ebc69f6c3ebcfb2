/** The network adapter: `ProbeTransport` on Node's own modules. */
export { createNetTransport } from './net-transport.js';
export type { NetTransport, NetTransportOptions } from './net-transport.js';

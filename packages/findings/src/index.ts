export * from './finding.js';
export * from './severity-policy.js';
export * from './baseline.js';
export * from './line-hash.js';
export * from './reporting.js';
export { fingerprintOf, sha256Hex } from './sha256.js';
export * from './readiness.js';

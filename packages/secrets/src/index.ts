export * from './rule.js';
export * from './scanner.js';
export * from './keyword-index.js';
export * from './entropy.js';
export * from './redaction.js';
export * from './decoys.js';
export { DEFAULT_ALLOWLIST } from './default-allowlist.js';
export { DEFAULT_RULES } from './rules/index.js';
export { decodeBase64Text } from './value-checks.js';

export * from './clock.js';
// The config parser (and the YAML library) is `@shipgate/core/config`, loaded only by those that read files.
export type { LoadedConfig, SchemaValidator } from './config.js';
export * from './duration.js';
export * from './errors.js';
export * from './command-line.js';
export * from './targets.js';
export * from './stages.js';
export * from './versions.js';
export * from './child-environment.js';
export * from './url-credentials.js';

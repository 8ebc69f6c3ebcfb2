// The config parser (and the YAML library) is `@shipgate/core/config`, loaded only by those that read files.
export type { LoadedConfig, SchemaValidator } from './config.js';
export * from './duration.js';
export * from './errors.js';

export * from './clock.js';
export * from './config.js';
export * from './duration.js';
export * from './errors.js';
export * from './command-line.js';
export * from './targets.js';
export * from './stages.js';
export * from './versions.js';

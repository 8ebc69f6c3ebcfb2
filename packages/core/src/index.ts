export * from './clock.js';
export * from './config.js';
export * from './duration.js';
export * from './errors.js';

export * from './action-meta.js';
export * from './expressions.js';
export * from './job.js';
export * from './protocol.js';
export * from './step.js';

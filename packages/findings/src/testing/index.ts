export * from './finding-builder.js';

export * from './fake-actions-core.js';

export * from './deployment-store.js';

export * from './fake-deployment-store.js';

export * from './deployment-store.js';
export * from './rollback-plan.js';

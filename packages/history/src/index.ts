export * from './deployment-store.js';
export * from './rollback-plan.js';
export * from './payload.js';
export * from './deployment-recorder.js';
export * from './approval-record.js';

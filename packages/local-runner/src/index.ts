export * from './action-meta.js';
export * from './expressions.js';
export * from './job.js';
export type { ParsedAnnotation, WorkflowCommand } from './protocol.js';
export * from './step.js';

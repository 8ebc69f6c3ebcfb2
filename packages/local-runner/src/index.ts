export * from './action-meta.js';
export * from './expressions.js';
export * from './job.js';
export { maskText, StepOutputReader, type ParsedAnnotation, type StepLine, type WorkflowCommand } from './protocol.js';
export * from './step.js';

export { checkWorkflow, checkActionMetadata } from './check-workflow.js';
export { workflowFileKind } from './file-kind.js';
export type { WorkflowFileKind } from './file-kind.js';
export { DEFAULT_TRUSTED_OWNERS } from './step-checks.js';
export type { WorkflowCheckOptions } from './step-checks.js';
export { RULES, SCANNER } from './rules.js';
export type { WorkflowRule } from './rules.js';
export { UNTRUSTED_INPUTS, untrustedUses } from './untrusted-inputs.js';
export type { UntrustedUse } from './untrusted-inputs.js';

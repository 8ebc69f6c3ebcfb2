/**
 * @shipgate/workflows: the error-detection `workflows` check. `checkWorkflow(text, path)` (a
 * `.github/workflows/*.yml`) and `checkActionMetadata(text, path)` (an `action.yml`) return findings in the
 * @shipgate/findings model (scanner `workflows`, rule ids in `RULES`), each at file:line:column; `workflowFileKind`
 * says which of the two a path is. Pure: the caller reads the files. GitHub's parser inside loads only through a
 * bundler (ncc, or Vite under Vitest): see github-parser.ts.
 */
export { checkWorkflow, checkActionMetadata } from './check-workflow.js';
export { workflowFileKind } from './file-kind.js';
export type { WorkflowFileKind } from './file-kind.js';
export { DEFAULT_TRUSTED_OWNERS } from './step-checks.js';
export type { WorkflowCheckOptions } from './step-checks.js';
export { RULES, SCANNER } from './rules.js';
export type { WorkflowRule } from './rules.js';
export { UNTRUSTED_INPUTS, untrustedUses } from './untrusted-inputs.js';
export type { UntrustedUse } from './untrusted-inputs.js';

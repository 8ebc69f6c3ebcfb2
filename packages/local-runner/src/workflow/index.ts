/**
 * @shipgate/local-runner/workflow: runs workflow files locally, job by job and step by step, with GitHub's own
 * parser and expression engine. Our actions run from their committed bundles; actions that are not ours run as
 * named stand-ins. A separate entry because GitHub's parser loads only through a bundler or Vitest
 * (see parse-workflow.ts), and the package's main entry is also loaded by the CLI.
 */
export { runWorkflow, removeWorkflowRun, type LocalWorkflowRun, type WorkflowRunOptions } from './run-workflow.js';
export { readWorkflow, parseWorkflowText, WorkflowParseError, type ParsedWorkflow } from './parse-workflow.js';
export { WorkflowExpressionError, evaluateExpression, type Scope, type StatusView } from './expressions.js';
export { WorkflowCallError, callInterfaceOf, type CallInterface } from './workflow-call.js';
export { UnknownUsesError, resolveStepUses, resolveWorkflowUses } from './uses-target.js';
export { DEFAULT_STAND_INS, type StandIn, type StandInContext, type StandInOutcome } from './stand-ins.js';
export {
  describeRun,
  jobOf,
  stepOf,
  type Conclusion,
  type JobRunResult,
  type StandInUse,
  type StepRunResult,
  type WorkflowRunResult,
} from './results.js';

/**
 * The action runtime: @actions/core behind a port, runAction (the one place that fails a step), input readers,
 * summary, annotation, report and SARIF writers, redaction, and the system clock. Re-exports @shipgate/core.
 */
export * from '@shipgate/core';
export {
  ActionInputs,
  describeAllowed,
  splitList,
  sourceFromRecord,
  type InputSource,
  type InputSources,
  type RawInput,
} from './inputs.js';
export { loadConfigFile, DEFAULT_CONFIG_PATH, type ConfigFile } from './config-file.js';
export { describeError } from './run-action.js';
export type { ActionIdentity } from './run-action.js';
export { SecretRegistry } from './secrets.js';
export { Summary, type Cell, type Column } from './summary.js';
export type { Annotation, AnnotationLevel } from './annotations.js';
export type { ReportEnvelope } from './report.js';
export { THRESHOLD_KEYS, thresholdsFor, type Thresholds } from './environments.js';
export * from './sarif.js';
export { configSource } from './config-source.js';
export type { ActionsCore, AnnotationProperties } from './runner-protocol.js';
export type { RunnerContext } from './runner-context.js';
export * from './action-context.js';
export { CancelledError, CANCEL_GRACE_MS, type SignalSource } from './cancellation.js';
export { runAction, runPost, type ActionMain, type ActionOutcome, type RunDependencies } from './run-action.js';
export * from './input-spec.js';
export * from './common-inputs.js';
export * from './workspace-paths.js';
export * from './system-clock.js';

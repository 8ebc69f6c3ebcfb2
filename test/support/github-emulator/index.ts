/** The GitHub REST API emulator for tests: see `emulator.ts`. */
export { GitHubEmulator, startGitHubEmulator } from './emulator.js';
export type { GitHubEmulatorOptions } from './emulator.js';
export type { Fault, FaultRule, InjectedFault } from './faults.js';
export { SchemaViolationError } from './http-errors.js';
export { loadSpec } from './openapi-spec.js';
export type { RecordedRequest } from './server.js';
export type { SchemaViolation } from './schema-validator.js';
export type { SeedComment, SeedDeployment, SeedIssue } from './seeding.js';
export { EmulatorState } from './state.js';
export type * from './state.js';

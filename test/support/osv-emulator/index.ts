/** The OSV API emulator for tests and benchmarks: see `osv-emulator.ts` and README.md. */
export { OsvEmulator, startOsvEmulator, type OsvEmulatorOptions, type OsvRequest } from './osv-emulator.js';
export { ADVISORIES_DIR, loadAdvisories } from './osv-records.js';
export { batchSchemaErrors, osvSchemaErrors } from './osv-schema-check.js';

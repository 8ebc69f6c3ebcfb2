/**
 * Dependency scanning (pure): lockfile parsers for npm, yarn, pnpm, Cargo, Python, Go, Ruby and PHP; the OSV
 * lookup behind the `OsvApi` port (batches, pagination, retries, a per-run cache); advisory severities; the
 * ignore file; and `scanDependencies`, which returns findings in the `@shipgate/findings` model.
 */
export * from './package-ref.js';
export { isLockfile, parseLockfile, selectLockfiles } from './lockfiles/index.js';
export { compareVersions } from './version-order.js';
export * from './osv-api.js';
export * from './osv-lookup.js';
export { affectsVersion, fixedVersions, inRange, namesPackage } from './osv-ranges.js';
export { advisorySeverity, cvss3BaseScore } from './advisory-severity.js';
export * from './ignore-file.js';
export * from './scan-dependencies.js';

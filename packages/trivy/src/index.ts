/**
 * The Trivy adapter: installs a pinned, checksum-verified Trivy through `@actions/tool-cache` and runs its
 * filesystem (secrets, misconfigurations) and image (vulnerabilities) scans, as findings.
 */
export { TRIVY_RELEASES_URL, TRIVY_SHA256, TRIVY_VERSION, trivyRelease } from './release.js';
export type { TrivyPlatform, TrivyRelease, TrivyReleaseOptions } from './release.js';
export { ChecksumError, TRIVY_TOOL, installTrivy, sha256File } from './install.js';
export type { TrivyInstallation } from './install.js';
export { scanFilesystem, scanImage } from './trivy-scan.js';
export type { ImageScannerName, ImageScanOptions, ImageSource, TrivyScan, TrivyScanOptions } from './trivy-scan.js';
export { findingsFromTrivyReport, parseTrivyReport } from './report-mapping.js';
export type { TrivyReport } from './report-mapping.js';

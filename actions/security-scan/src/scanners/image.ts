/**
 * The image scanner: Trivy on a container image (`image`), looking for what `image-scanners` names: packages with
 * known vulnerabilities (Trivy downloads its database for them; `trivy-db-repository` for a mirror; a scan that
 * cannot get it is an error, never a clean result), credentials baked into a layer, configuration files. Without
 * vulnerabilities nothing is downloaded. Trivy is installed through `@actions/tool-cache` at a pinned version
 * (`trivy-version`, `trivy-sha256`, `trivy-url`) in `prepare`, before any scanner reads a file: an archive whose
 * SHA-256 does not match is deleted unopened and the step fails there.
 */
import { ExecError, ShipgateError } from '@shipgate/core';
import type { Shell } from '@shipgate/exec';
import {
  installTrivy,
  scanImage,
  type ImageScannerName,
  type ImageSource,
  type TrivyInstallation,
  type TrivyRelease,
  type TrivyReleaseOptions,
} from '@shipgate/trivy';
import type { Scanner, ScanResult } from '../scanner.js';

export interface ImageScannerSettings {
  image: ImageSource;
  /** What `image` said, for the summary. */
  shown: string;
  /** The release to install, checked by `trivyRelease` with the other settings. */
  release: TrivyRelease;
  releaseOptions: TrivyReleaseOptions;
  /** An OCI repository mirroring ghcr.io/aquasecurity/trivy-db. */
  dbRepository: string | undefined;
  /** What Trivy looks for in the image. */
  scanners: readonly ImageScannerName[];
}

export function imageScanner(settings: ImageScannerSettings, shell: () => Shell): Scanner {
  let trivy: TrivyInstallation | undefined;
  return {
    name: 'image',
    describe: () => `image ${settings.scanners.join(', ')} (${settings.shown}, Trivy ${settings.release.version})`,
    async prepare(): Promise<void> {
      trivy = await installTrivy(settings.releaseOptions);
    },
    async scan(): Promise<ScanResult> {
      if (!trivy) throw new Error('The image scanner ran before Trivy was installed');
      const result = await scanImage(trivy, settings.image, {
        shell: shell(),
        scanners: settings.scanners,
        ...(settings.dbRepository ? { dbRepository: settings.dbRepository } : {}),
      }).catch((error: unknown) => {
        if (!(error instanceof ExecError)) throw error;
        // Trivy may exit without a word (the database download failing is the usual cause): say what it needs.
        const said = error.stderr.trim() ? `: ${error.message}` : ` (exit code ${error.exitCode}, no message)`;
        throw new ShipgateError(`Trivy ${trivy?.version} could not scan the image ${settings.shown}${said}`, {
          cause: error,
          hint: !settings.scanners.includes('vuln')
            ? 'Trivy scans the image offline without vuln: check that the image input names an image Trivy can read (a docker save archive, or a reference it can pull).'
            : `Trivy downloads its vulnerability database from ${settings.dbRepository ?? 'ghcr.io/aquasecurity/trivy-db'} for each scan, and pulls the image: the runner must reach both (set trivy-db-repository to a mirror it can reach). No image findings were produced.`,
        });
      });
      return {
        findings: result.findings,
        notes: [
          `Trivy ${trivy.version} ${trivy.cached ? 'from the tool cache' : `downloaded from ${settings.release.url}`}`,
        ],
      };
    },
  };
}

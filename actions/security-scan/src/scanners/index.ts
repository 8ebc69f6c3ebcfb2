/**
 * The scanners by name. Adding one: implement the `Scanner` port in a file beside this one and add it here; the
 * `scanners` input then accepts it.
 */
import type { Shell } from '@shipgate/exec';
import type { Scanner, ScannerName } from '../scanner.js';
import type { ScanSettings } from '../settings.js';
import { dependenciesScanner, type DependenciesScannerPorts } from './dependencies.js';
import { iacScanner } from './iac.js';
import { imageScanner } from './image.js';
import { secretsScanner, type MaskSecret, type SecretsParallelism } from './secrets.js';

/** What a scanner is built from: the settings, and how to mask what it finds. */
export interface ScannerDeps {
  settings: ScanSettings;
  mask: MaskSecret;
  /** OSV and the clock, for the dependencies scanner. */
  dependencies: DependenciesScannerPorts;
  /** A shell for the tools scanners run (Trivy), closed when the step ends. */
  shell(): Shell;
  /** Worker threads for a large secrets scan; without them, one thread scans. */
  secretsParallelism?: SecretsParallelism;
}

const FACTORIES: Partial<Record<ScannerName, (deps: ScannerDeps) => Scanner>> = {
  secrets: ({ settings, mask, secretsParallelism }) => secretsScanner(settings.secrets, mask, secretsParallelism),
  dependencies: ({ settings, dependencies }) => {
    if (!settings.dependencies) throw new Error('The dependencies scanner has no settings');
    return dependenciesScanner(settings.dependencies, dependencies);
  },
  iac: () => iacScanner(),
  image: ({ settings, shell }) => {
    if (!settings.image) throw new Error('The image scanner has no settings');
    return imageScanner(settings.image, shell);
  },
};

/** The scanners this version can run. */
export const AVAILABLE_SCANNERS = Object.keys(FACTORIES) as ScannerName[];

/** Builds the named scanners (settings have checked they are available). */
export function createScanners(names: readonly ScannerName[], deps: ScannerDeps): Scanner[] {
  return names.map((name) => {
    const factory = FACTORIES[name];
    if (!factory) throw new Error(`Scanner '${name}' is not available`);
    return factory(deps);
  });
}

import { isKustomization, kustomizePatchPaths } from '@shipgate/manifests';
import type { CheckScope } from '../check.js';

/**
 * Files that the scope's kustomizations use as patches, relative to the working directory: partial objects, not
 * manifests to validate on their own.
 */
export function kustomizePatches(scope: CheckScope): Set<string> {
  return new Set(
    scope.files.list.filter(isKustomization).flatMap((file) => kustomizePatchPaths(file, scope.files.read(file) ?? '')),
  );
}

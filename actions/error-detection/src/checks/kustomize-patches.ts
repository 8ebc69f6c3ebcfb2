import { posix } from 'node:path';
import { parse } from 'yaml';
import type { CheckScope } from '../check.js';
import { isRecord } from './npm-lockfiles.js';

const KUSTOMIZATION = /(?:^|\/)(?:kustomization\.ya?ml|Kustomization)$/;

/**
 * Files that kustomizations use as patches (`patches[].path`, `patchesStrategicMerge`, `patchesJson6902[].path`),
 * relative to the working directory: partial objects, not manifests to validate on their own.
 */
export function kustomizePatches(scope: CheckScope): Set<string> {
  const patches = new Set<string>();
  for (const file of scope.files.list) {
    if (!KUSTOMIZATION.test(file)) continue;
    let data: unknown;
    try {
      data = parse(scope.files.read(file) ?? '');
    } catch {
      continue; // a broken kustomization is kustomize's to report
    }
    if (!isRecord(data)) continue;
    const dir = posix.dirname(file);
    const add = (path: unknown) => {
      if (typeof path === 'string' && !path.includes('\n')) patches.add(posix.normalize(posix.join(dir, path)));
    };
    for (const key of ['patches', 'patchesJson6902'])
      if (Array.isArray(data[key])) for (const patch of data[key]) if (isRecord(patch)) add(patch.path);
    if (Array.isArray(data.patchesStrategicMerge)) data.patchesStrategicMerge.forEach(add);
  }
  return patches;
}

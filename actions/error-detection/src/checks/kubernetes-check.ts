import {
  checkKubernetesFile,
  isKubernetesManifest,
  loadKindValidators,
  parseKubernetesVersion,
  type KubernetesCheck,
} from '@shipgate/manifests';
import type { Check, CheckScope } from '../check.js';
import { fromManifestFinding } from '../finding-of.js';
import { kustomizePatches } from './kustomize-patches.js';

/**
 * The manifests among the files: YAML with top-level apiVersion and kind, outside .github and compose files, and
 * not a kustomize patch (a partial object that kustomize merges into a full one).
 */
function manifests(scope: CheckScope): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  const patches = kustomizePatches(scope);
  for (const file of scope.files.list) {
    if (!/\.ya?ml$/.test(file) || patches.has(file)) continue;
    const text = scope.files.read(file);
    if (text !== undefined && isKubernetesManifest(file, text)) found.push({ file, text });
  }
  return found;
}

/** Kubernetes manifests against the target version's schemas (strict) and its removed API versions. */
export const kubernetesCheck: Check = {
  category: 'kubernetes',
  weight: 3,
  applies: (scope) => manifests(scope).length > 0,
  async check(scope) {
    const files = manifests(scope);
    const version = parseKubernetesVersion(scope.kubernetesVersion);
    const check: KubernetesCheck = { version, validators: await loadKindValidators(version) };
    const findings = files.flatMap(({ file, text }) =>
      checkKubernetesFile(scope.files.shown(file), text, check).map((finding) =>
        fromManifestFinding('kubernetes', finding, finding.file),
      ),
    );
    return {
      findings,
      checked: `${files.length} manifest file${files.length === 1 ? '' : 's'} for Kubernetes ${version}`,
    };
  },
};

import { KUBERNETES_RELIABILITY_RULES, checkKubernetesReliability } from '@shipgate/iac';
import {
  checkKubernetesFile,
  isKubernetesManifest,
  parsePositionedYaml,
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

/**
 * Reliability rules that are advice, not defects: a workload without anti-affinity, a Job without a TTL and the
 * deprecated `serviceAccount` field all deploy and run. Left out so a clean repository has no findings.
 */
const ADVISORY_RULES: ReadonlySet<string> = new Set(
  [
    KUBERNETES_RELIABILITY_RULES.antiAffinity,
    KUBERNETES_RELIABILITY_RULES.jobTtl,
    KUBERNETES_RELIABILITY_RULES.deprecatedServiceAccount,
  ].map((rule) => rule.id),
);

/**
 * Kubernetes manifests against the target version's schemas (strict) and its removed API versions, then
 * kube-linter's deploy-breaking checks (@shipgate/iac's reliability rules) across all the manifests together, since
 * several of them (a Service selecting no pod, a missing service account) look across objects. Advisory rules
 * are left out (see ADVISORY_RULES).
 */
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
    const positioned = files.map(({ file, text }) => parsePositionedYaml(text, scope.files.shown(file), 'kubernetes'));
    // Findings carry the category as their scanner, as the schema findings do.
    for (const finding of checkKubernetesReliability(positioned))
      if (!ADVISORY_RULES.has(finding.ruleId)) findings.push({ ...finding, scanner: 'kubernetes' });
    return {
      findings,
      checked: `${files.length} manifest file${files.length === 1 ? '' : 's'} for Kubernetes ${version}`,
    };
  },
};

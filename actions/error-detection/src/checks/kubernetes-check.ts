import { KUBERNETES_RELIABILITY_RULES, checkKubernetesReliability } from '@shipgate/iac';
import {
  checkKubernetesFile,
  isKubernetesManifest,
  parsePositionedYaml,
  loadKindValidators,
  parseKubernetesVersion,
  type KubernetesCheck,
  type PositionedFile,
  type TextRange,
} from '@shipgate/manifests';
import type { Finding } from '@shipgate/findings';
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
 * Whether a finding lies in a document that fails its schema: the reliability rules read objects as the schema
 * describes them, so on such a document they restate the schema error (a Deployment without `selector` "has no
 * selector") or guess; the schema finding is the one to fix first.
 */
function invalidDocuments(files: readonly PositionedFile[], schemaFindings: readonly Finding[]) {
  const ranges = new Map<string, TextRange[]>();
  for (const file of files)
    for (const document of file.documents) {
      const inside = schemaFindings.some(
        (f) =>
          f.severity === 'critical' &&
          f.location?.file === file.file &&
          (f.location.line ?? 0) >= document.range.line &&
          (f.location.line ?? 0) <= document.range.endLine,
      );
      if (inside) ranges.set(file.file, [...(ranges.get(file.file) ?? []), document.range]);
    }
  return (finding: Finding): boolean => {
    const line = finding.location?.line ?? 0;
    return (ranges.get(finding.location?.file ?? '') ?? []).some((r) => line >= r.line && line <= r.endLine);
  };
}

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
    const invalid = invalidDocuments(positioned, findings);
    // Findings carry the category as their scanner, as the schema findings do.
    for (const finding of checkKubernetesReliability(positioned))
      if (!ADVISORY_RULES.has(finding.ruleId) && !invalid(finding))
        findings.push({ ...finding, scanner: 'kubernetes' });
    return {
      findings,
      checked: `${files.length} manifest file${files.length === 1 ? '' : 's'} for Kubernetes ${version}`,
    };
  },
};

/**
 * Findings in the shared model (@shipgate/findings) from what the checks see: one constructor, so every
 * category fingerprints and titles findings the same way.
 */
import { fingerprintOf, type Finding, type Severity } from '@shipgate/findings';
import type { ManifestFinding } from '@shipgate/manifests';

/** What a check knows about a finding. */
export interface FindingParts {
  category: string;
  ruleId: string;
  title: string;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  help?: string;
  snippet?: string;
  /** What identifies it across runs beyond rule and file (a key name); the line is not used, so moving it keeps it. */
  identity?: string;
}

export function findingOf(parts: FindingParts): Finding {
  const location =
    parts.file === undefined
      ? undefined
      : {
          file: parts.file,
          ...(parts.line ? { line: parts.line } : {}),
          ...(parts.column ? { column: parts.column } : {}),
          ...(parts.endLine ? { endLine: parts.endLine } : {}),
          ...(parts.endColumn ? { endColumn: parts.endColumn } : {}),
        };
  return {
    scanner: parts.category,
    ruleId: parts.ruleId,
    title: parts.title,
    severity: parts.severity,
    message: parts.message,
    ...(location ? { location } : {}),
    fingerprint: fingerprintOf([parts.ruleId, parts.file ?? '', parts.identity ?? parts.message]),
    ...(parts.help ? { help: parts.help } : {}),
    ...(parts.snippet ? { snippet: parts.snippet } : {}),
  };
}

const TITLES: Readonly<Record<string, string>> = {
  'yaml/syntax': 'YAML syntax error',
  'yaml/duplicate-key': 'Duplicate YAML key',
  'yaml/alias-limit': 'YAML aliases expand too far',
  'kubernetes/removed-api': 'API version removed in the target Kubernetes version',
  'kubernetes/unknown-kind': 'Kind not served by the target Kubernetes version',
  'kubernetes/not-an-object': 'Document is not a Kubernetes object',
  'kubernetes/missing-type-meta': 'Object without apiVersion or kind',
  'kubernetes/custom-resource-not-checked': 'Custom resource not checked',
  'compose/required-variable': 'Required Compose variable not set',
  'compose/invalid-interpolation': 'Invalid Compose interpolation',
  'compose/unset-variable': 'Compose variable not set',
};

/**
 * A manifests finding in the shared model. Errors are critical: each stops the deploy (kubectl apply validates
 * strictly since 1.27, and Compose rejects unknown keys); warnings are medium, notices info.
 */
export function fromManifestFinding(category: string, finding: ManifestFinding, shown: string): Finding {
  const severity: Severity =
    finding.severity === 'error' ? 'critical' : finding.severity === 'warning' ? 'medium' : 'info';
  return findingOf({
    category,
    ruleId: finding.rule,
    title: TITLES[finding.rule] ?? `${category === 'kubernetes' ? 'Kubernetes' : 'Compose'} schema violation`,
    severity,
    message: finding.message,
    file: shown,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    identity: `${finding.message}`,
  });
}

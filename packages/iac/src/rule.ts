import { fingerprintOf, type Finding, type Severity } from '@shipgate/findings';

/** The scanner name every infrastructure-as-code finding carries. */
export const IAC_SCANNER = 'iac';

/** One rule of the infrastructure-as-code engines: the metadata shared by all its findings. */
export interface IacRule {
  /** Stable id, `<area>/<name>`: `k8s/privileged-container`, `compose/privileged`, `dockerfile/latest-tag`. */
  id: string;
  /** One line saying what the rule looks for. */
  title: string;
  severity: Severity;
  /** What to do about a finding. */
  help: string;
  helpUri?: string;
  /** The hadolint rule it corresponds to (`DL3007`), so `# hadolint ignore=` comments apply to it. */
  hadolint?: string;
  /** The kube-linter check it corresponds to (`privileged-container`). */
  kubeLinter?: string;
}

/** 1-based start and end (end exclusive) of the offending text. */
export interface IacRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * A finding of `rule` at `range` in `file`. `identity` says which thing it is about without its position (a
 * resource and container, a stage and instruction), so the fingerprint survives lines moving.
 */
export function iacFinding(rule: IacRule, message: string, file: string, range: IacRange, identity: string): Finding {
  return {
    scanner: IAC_SCANNER,
    ruleId: rule.id,
    title: rule.title,
    severity: rule.severity,
    message,
    location: { file, ...range },
    fingerprint: fingerprintOf([IAC_SCANNER, rule.id, file, identity]),
    help: rule.help,
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
  };
}

/**
 * SARIF 2.1.0 that GitHub code scanning accepts: relative URIs under %SRCROOT%, 1-based regions,
 * rule metadata with `security-severity` so findings get a severity in the Security tab.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/** A rule the tool can report. */
export interface SarifRuleInput {
  id: string;
  name?: string;
  description: string;
  help?: string;
  helpUri?: string;
  level?: SarifLevel;
  /** 0.0 to 10.0, as CVSS; GitHub maps it to critical/high/medium/low. */
  securitySeverity?: number;
  tags?: string[];
}

/** One finding. `file` is relative to the repository root. */
export interface SarifResultInput {
  ruleId: string;
  message: string;
  level?: SarifLevel;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Stable identity of the finding across runs (e.g. a hash of rule, file and matched text). */
  fingerprint?: string;
  /**
   * `partialFingerprints.primaryLocationLineHash` as github/codeql-action's upload computes it (`lineHashes` in
   * @shipgate/findings): given, code scanning matches the alert across runs even when the line moves.
   */
  primaryLocationLineHash?: string;
}

/** The tool that produced the run. */
export interface SarifToolInput {
  name: string;
  version: string;
  informationUri: string;
  /** Distinguishes runs of different analyses in one repository (`shipgate/security-scan/secrets`). */
  category?: string;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: unknown[];
}

/** Builds a SARIF log with one run. Results naming an unknown rule are an error: GitHub drops them. */
export function buildSarif(
  tool: SarifToolInput,
  rules: readonly SarifRuleInput[],
  results: readonly SarifResultInput[],
): SarifLog {
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules: rules.map(toRule),
          },
        },
        ...(tool.category ? { automationDetails: { id: `${tool.category.replace(/\/+$/, '')}/` } } : {}),
        columnKind: 'unicodeCodePoints',
        originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///' } },
        results: results.map((result) => {
          const ruleIndex = index.get(result.ruleId);
          if (ruleIndex === undefined) throw new Error(`SARIF result names unknown rule '${result.ruleId}'`);
          return toResult(result, ruleIndex, rules[ruleIndex]?.level);
        }),
      },
    ],
  };
}

function toRule(rule: SarifRuleInput): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  if (rule.tags?.length) properties.tags = rule.tags;
  if (rule.securitySeverity !== undefined) properties['security-severity'] = rule.securitySeverity.toFixed(1);
  return {
    id: rule.id,
    name: rule.name ?? toPascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    ...(rule.help ? { help: { text: rule.help, markdown: rule.help } } : {}),
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    defaultConfiguration: { level: rule.level ?? 'warning' },
    properties,
  };
}

function toResult(
  result: SarifResultInput,
  ruleIndex: number,
  ruleLevel: SarifLevel | undefined,
): Record<string, unknown> {
  const location = result.file
    ? [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(result.file), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: Math.max(1, result.line ?? 1),
              ...(result.column ? { startColumn: result.column } : {}),
              ...(result.endLine ? { endLine: result.endLine } : {}),
              ...(result.endColumn ? { endColumn: result.endColumn } : {}),
            },
          },
        },
      ]
    : [];
  return {
    ruleId: result.ruleId,
    ruleIndex,
    level: result.level ?? ruleLevel ?? 'warning',
    message: { text: result.message },
    locations: location,
    ...(result.fingerprint || result.primaryLocationLineHash
      ? {
          partialFingerprints: {
            ...(result.fingerprint ? { 'shipgate/v1': result.fingerprint } : {}),
            ...(result.primaryLocationLineHash ? { primaryLocationLineHash: result.primaryLocationLineHash } : {}),
          },
        }
      : {}),
  };
}

/** Repository-relative, forward slashes, each segment percent-encoded. */
function toUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^\.?\//, '')
    .split('/')
    .map(encodeURIComponent)
    .join('/');
}

function toPascalCase(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');
}

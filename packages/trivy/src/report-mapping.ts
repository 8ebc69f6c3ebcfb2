/**
 * Trivy's JSON report (`--format json`, SchemaVersion 2) as Shipgate findings: secrets, misconfigurations and
 * vulnerabilities, with rule ids prefixed `trivy/` so they never collide with the built-in scanners' rules.
 * Pure: the report in, findings out. Trivy masks every secret it reports (`Match` and the code lines show `*`
 * where the value was), so no raw secret reaches a finding; the mapping never adds one.
 */
import { fingerprintOf, type Finding, type FindingLocation, type Severity } from '@shipgate/findings';
import { ShipgateError } from '@shipgate/core';

/** The parts of Trivy's report that are mapped (see pkg/types/report.go in aquasecurity/trivy). */
export interface TrivyReport {
  SchemaVersion: number;
  ArtifactName?: string;
  ArtifactType?: string;
  Results?: TrivyResult[];
}

export interface TrivyResult {
  Target: string;
  Class?: string;
  Type?: string;
  Vulnerabilities?: TrivyVulnerability[];
  Misconfigurations?: TrivyMisconfiguration[];
  Secrets?: TrivySecret[];
}

export interface TrivyVulnerability {
  VulnerabilityID: string;
  PkgID?: string;
  PkgName: string;
  InstalledVersion?: string;
  FixedVersion?: string;
  Status?: string;
  Severity?: string;
  Title?: string;
  PrimaryURL?: string;
}

export interface TrivyMisconfiguration {
  ID: string;
  AVDID?: string;
  Title?: string;
  Message?: string;
  Resolution?: string;
  Severity?: string;
  PrimaryURL?: string;
  Status?: string;
  CauseMetadata?: { Resource?: string; StartLine?: number; EndLine?: number };
}

export interface TrivySecret {
  RuleID: string;
  Category?: string;
  Severity?: string;
  Title?: string;
  StartLine?: number;
  EndLine?: number;
  /** The matched line with the secret replaced by `*`. */
  Match?: string;
}

/** Trivy's severities; `UNKNOWN` (not yet scored) is `low`, as Trivy's own SARIF makes it a note. */
const SEVERITY: Readonly<Record<string, Severity>> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MEDIUM: 'medium',
  LOW: 'low',
  UNKNOWN: 'low',
};

function severityOf(text: string | undefined): Severity {
  return SEVERITY[(text ?? 'UNKNOWN').toUpperCase()] ?? 'low';
}

/** Parses Trivy's JSON output; anything but a SchemaVersion 2 report is an error naming what was seen. */
export function parseTrivyReport(text: string, source: string): TrivyReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ShipgateError(`Trivy's report ${source} is not JSON: ${(error as Error).message}`);
  }
  const record = data as Partial<TrivyReport> | null;
  if (typeof record !== 'object' || record === null || record.SchemaVersion !== 2)
    throw new ShipgateError(
      `Trivy's report ${source} has SchemaVersion ${JSON.stringify(record?.SchemaVersion)}: Shipgate reads version 2`,
      { hint: 'Use a Trivy release from 0.20 on, with --format json.' },
    );
  if (record.Results !== undefined && !Array.isArray(record.Results))
    throw new ShipgateError(`Trivy's report ${source}: 'Results' is not a list`);
  return record as TrivyReport;
}

/** One-line, bounded text from the report for a message (reports are data, not markup). */
function clean(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * The findings in a report. For an image (`ArtifactType` `container_image`) vulnerabilities belong to the `image`
 * scanner and carry no file location (their target is a layer's package database, not a repository file);
 * otherwise they are `dependencies` findings at the lockfile Trivy read.
 */
export function findingsFromTrivyReport(report: TrivyReport): Finding[] {
  const image = report.ArtifactType === 'container_image';
  const findings: Finding[] = [];
  for (const result of report.Results ?? []) {
    for (const secret of result.Secrets ?? []) findings.push(secretFinding(result.Target, secret, image));
    for (const misconfig of result.Misconfigurations ?? []) {
      if (misconfig.Status !== undefined && misconfig.Status !== 'FAIL') continue;
      findings.push(misconfigFinding(result.Target, misconfig, image));
    }
    for (const vulnerability of result.Vulnerabilities ?? [])
      findings.push(vulnerabilityFinding(result.Target, vulnerability, image));
  }
  return findings;
}

function at(file: string, start: number | undefined, end: number | undefined): FindingLocation {
  return {
    file: file.replace(/\\/g, '/'),
    ...(start && start > 0 ? { line: start } : {}),
    ...(start && end && end >= start ? { endLine: end } : {}),
  };
}

function secretFinding(target: string, secret: TrivySecret, image: boolean): Finding {
  const title = clean(secret.Title ?? secret.RuleID);
  const masked = clean(secret.Match ?? '', 160);
  return {
    // A secret baked into an image layer is the image's finding: no repository file holds it.
    scanner: image ? 'image' : 'secrets',
    ruleId: `trivy/${secret.RuleID}`,
    title,
    severity: severityOf(secret.Severity),
    message: `${title} found by Trivy${image ? ` in ${clean(target)}` : ''} (value masked)`,
    ...(image ? {} : { location: at(target, secret.StartLine, secret.EndLine) }),
    // The masked line, not its number: moving the line keeps the fingerprint.
    fingerprint: fingerprintOf(['trivy', 'secret', secret.RuleID, target, secret.Match ?? '']),
    ...(masked ? { snippet: masked } : {}),
    help: 'Revoke the secret, remove it from the history, and load it from a secret store at run time.',
  };
}

function misconfigFinding(target: string, misconfig: TrivyMisconfiguration, image: boolean): Finding {
  const cause = misconfig.CauseMetadata ?? {};
  const message = clean(misconfig.Message ?? misconfig.Title ?? misconfig.ID);
  return {
    scanner: image ? 'image' : 'iac',
    ruleId: `trivy/${misconfig.ID}`,
    title: clean(misconfig.Title ?? misconfig.ID),
    severity: severityOf(misconfig.Severity),
    message: image ? `${message} (${clean(target)})` : message,
    ...(image ? {} : { location: at(target, cause.StartLine, cause.EndLine) }),
    fingerprint: fingerprintOf(['trivy', 'misconfig', misconfig.ID, target, cause.Resource ?? '', message]),
    ...(misconfig.Resolution ? { help: clean(misconfig.Resolution, 300) } : {}),
    ...(misconfig.PrimaryURL ? { helpUri: misconfig.PrimaryURL } : {}),
  };
}

function vulnerabilityFinding(target: string, vulnerability: TrivyVulnerability, image: boolean): Finding {
  const { VulnerabilityID: id, PkgName: name } = vulnerability;
  const installed = vulnerability.InstalledVersion ?? '?';
  const fixed = vulnerability.FixedVersion;
  const severity = severityOf(vulnerability.Severity);
  const where = image ? ` in ${clean(target)}` : '';
  return {
    scanner: image ? 'image' : 'dependencies',
    ruleId: `trivy/${id}`,
    title: clean(vulnerability.Title ? `${id}: ${vulnerability.Title}` : id),
    severity,
    message: `${name} ${installed}${where} has ${id} (${severity}); ${fixed ? `fixed in ${fixed}` : 'no fixed version yet'}`,
    ...(image ? {} : { location: at(target, undefined, undefined) }),
    fingerprint: fingerprintOf(['trivy', 'vuln', id, vulnerability.PkgID ?? `${name}@${installed}`, target]),
    help: fixed
      ? `Upgrade ${name} to ${fixed} or later.`
      : `No fixed version of ${name} is published yet: remove it, mitigate, or accept the finding in a baseline.`,
    ...(vulnerability.PrimaryURL ? { helpUri: vulnerability.PrimaryURL } : {}),
  };
}

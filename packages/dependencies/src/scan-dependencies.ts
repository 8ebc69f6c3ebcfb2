/**
 * The dependency scan: lockfiles → packages → OSV → findings at the package's line in its lockfile. A lockfile
 * that cannot be read or parsed, and an OSV that cannot answer, make the result `incomplete` (the caller warns
 * and must not report a clean pass); accepted advisories move to `ignored`, expired acceptances to `expired`.
 */
import type { Clock } from '@shipgate/core';
import { fingerprintOf, type Finding } from '@shipgate/findings';
import { advisorySeverity } from './advisory-severity.js';
import { isExpired, utcDay, type IgnoreRule } from './ignore-file.js';
import { parseLockfile, selectLockfiles } from './lockfiles/index.js';
import type { OsvApi, OsvRecord } from './osv-api.js';
import { lookUpVulnerabilities, type OsvRetryPolicy } from './osv-lookup.js';
import { fixedVersions } from './osv-ranges.js';
import { packageKey, type LockedPackage } from './package-ref.js';

/** What {@link scanDependencies} needs. */
export interface ScanDependenciesOptions {
  /** Repository-relative paths (forward slashes) to consider; the lockfiles among them are read. */
  files: readonly string[];
  /** Reads a file named in `files`. */
  readFile: (path: string) => Promise<string>;
  osv: OsvApi;
  /** Accepted advisories, from {@link parseIgnoreFile}. */
  ignore?: readonly IgnoreRule[];
  /** The current time (epoch ms), for ignore expiry. */
  now: number;
  /** Waits between retries. */
  clock: Clock;
  retry?: OsvRetryPolicy;
}

/** A finding an ignore rule accepted. */
export interface IgnoredFinding {
  finding: Finding;
  rule: IgnoreRule;
}

/** The result of a dependency scan. */
export interface DependencyScan {
  /** Findings to report and judge, in the `@shipgate/findings` model. */
  findings: Finding[];
  /** Why the result may miss vulnerabilities; empty when every lockfile and every package was checked. */
  incomplete: string[];
  /** Entries of lockfiles that could not be checked (not pinned, not from a registry). */
  skipped: string[];
  ignored: IgnoredFinding[];
  /** Ignore rules past their expiry date: they no longer apply. */
  expired: IgnoreRule[];
  /** Lockfiles read. */
  lockfiles: string[];
  /** Package versions checked (distinct per lockfile). */
  packages: number;
  /** Requests made to OSV, retries included. */
  requests: number;
}

/** Scans the lockfiles among `files` against OSV. */
export async function scanDependencies(options: ScanDependenciesOptions): Promise<DependencyScan> {
  const incomplete: string[] = [];
  const skipped: string[] = [];
  const packages: LockedPackage[] = [];
  const lockfiles = selectLockfiles(options.files);
  for (const file of lockfiles) {
    try {
      const parsed = parseLockfile(file, await options.readFile(file));
      packages.push(...parsed.packages);
      skipped.push(...parsed.skipped);
    } catch (error) {
      incomplete.push(`${file} could not be read: ${(error as Error).message}`);
    }
  }
  const lookup = await lookUpVulnerabilities(packages, options.osv, { clock: options.clock, retry: options.retry });
  incomplete.push(...lookup.incomplete);

  const today = utcDay(options.now);
  const rules = options.ignore ?? [];
  const expired = rules.filter((rule) => isExpired(rule, today));
  const active = rules.filter((rule) => !isExpired(rule, today));
  const findings: Finding[] = [];
  const ignored: IgnoredFinding[] = [];
  for (const pkg of packages) {
    for (const id of lookup.idsByPackage.get(packageKey(pkg)) ?? []) {
      const record = lookup.records.get(id);
      if (record?.withdrawn) continue;
      const finding = toFinding(pkg, id, record);
      const aliases = [id, ...(record?.aliases ?? [])];
      const rule = active.find((r) => aliases.includes(r.id) && (r.package === undefined || r.package === pkg.name));
      if (rule) ignored.push({ finding, rule });
      else findings.push(finding);
    }
  }
  return {
    findings,
    incomplete,
    skipped,
    ignored,
    expired,
    lockfiles,
    packages: packages.length,
    requests: lookup.requests,
  };
}

/** The finding for one advisory of one package version; `record` is missing when its details could not be fetched. */
function toFinding(pkg: LockedPackage, id: string, record: OsvRecord | undefined): Finding {
  const { severity, source } = record
    ? advisorySeverity(record)
    : { severity: undefined, source: 'details unavailable' };
  const fixes = record ? fixedVersions(record.affected ?? [], pkg.ecosystem, pkg.name, pkg.version) : [];
  const summary = oneLine(record?.summary ?? record?.details ?? id, 200);
  const aliases = (record?.aliases ?? []).filter((a) => a !== id);
  const fixed = fixes.length > 0 ? `Fixed in ${fixes.join(', ')}.` : 'No fixed version is published.';
  return {
    scanner: 'dependencies',
    ruleId: id,
    title: summary,
    // An advisory without a rating still counts: medium keeps it visible without guessing it critical.
    severity: severity ?? 'medium',
    message: `${pkg.name} ${pkg.version} (${pkg.ecosystem}) is affected by ${id}${aliases.length ? ` (${aliases.join(', ')})` : ''}: ${summary}. ${fixed} Severity: ${source}.`,
    location: { file: pkg.file, line: pkg.line },
    fingerprint: fingerprintOf(['dependencies', id, pkg.ecosystem, pkg.name, pkg.version, pkg.file]),
    help:
      fixes.length > 0
        ? `Upgrade ${pkg.name} to ${fixes.find((f) => f !== pkg.version) ?? fixes[0]} or later (update the lockfile), or accept the advisory in the ignore file with a reason and an expiry date.`
        : `Replace ${pkg.name} or accept the advisory in the ignore file with a reason and an expiry date.`,
    helpUri: `https://osv.dev/vulnerability/${encodeURIComponent(id)}`,
  };
}

/** Collapses whitespace (advisory text is Markdown) and shortens. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

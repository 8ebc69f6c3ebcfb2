/**
 * Whether an OSV `affected` entry covers a version: listed in `versions`, or inside one of its `SEMVER` or
 * `ECOSYSTEM` ranges, read as the schema says (https://ossf.github.io/osv-schema/#evaluation): events sorted by
 * version, `introduced` opens, `fixed` closes before the version, `last_affected` closes after it, and an
 * `introduced` of "0" means from the first version. `GIT` ranges name commits, not versions, and are ignored.
 */
import { normalizePythonName } from './package-ref.js';
import { compareVersions } from './version-order.js';
import type { OsvAffected, OsvEvent } from './osv-api.js';

/** Whether `affected` names the package (PyPI names compared after PEP 503 normalisation). */
export function namesPackage(affected: OsvAffected, ecosystem: string, name: string): boolean {
  const pkg = affected.package;
  if (!pkg || pkg.ecosystem.split(':')[0] !== ecosystem) return false;
  return ecosystem === 'PyPI' ? normalizePythonName(pkg.name) === normalizePythonName(name) : pkg.name === name;
}

/** Whether `version` is affected by one range's events. */
export function inRange(ecosystem: string, events: readonly OsvEvent[], version: string): boolean {
  const at = (e: OsvEvent) => e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? '0';
  const cmp = (a: string, b: string) =>
    a === '0' ? (b === '0' ? 0 : -1) : b === '0' ? 1 : compareVersions(ecosystem, a, b);
  const sorted = [...events].filter((e) => e.limit === undefined).sort((a, b) => cmp(at(a), at(b)));
  let affected = false;
  for (const event of sorted) {
    if (event.introduced !== undefined && cmp(event.introduced, version) <= 0) affected = true;
    else if (event.fixed !== undefined && cmp(event.fixed, version) <= 0) affected = false;
    else if (event.last_affected !== undefined && cmp(event.last_affected, version) < 0) affected = false;
  }
  return affected;
}

/** Whether `affected` covers `version` of the package. */
export function affectsVersion(affected: OsvAffected, ecosystem: string, name: string, version: string): boolean {
  if (!namesPackage(affected, ecosystem, name)) return false;
  if (affected.versions?.includes(version)) return true;
  return (affected.ranges ?? []).some(
    (range) => (range.type === 'SEMVER' || range.type === 'ECOSYSTEM') && inRange(ecosystem, range.events, version),
  );
}

/**
 * The versions that fix `version` of the package: the `fixed` events of the ranges that contain it (or of every
 * range of the package when none does, e.g. the record lists versions only), in version order.
 */
export function fixedVersions(
  affected: readonly OsvAffected[],
  ecosystem: string,
  name: string,
  version: string,
): string[] {
  const ranges = affected
    .filter((a) => namesPackage(a, ecosystem, name))
    .flatMap((a) => a.ranges ?? [])
    .filter((r) => r.type === 'SEMVER' || r.type === 'ECOSYSTEM');
  const containing = ranges.filter((r) => inRange(ecosystem, r.events, version));
  const fixes = (containing.length > 0 ? containing : ranges).flatMap((r) =>
    r.events.flatMap((e) => (e.fixed ? [e.fixed] : [])),
  );
  return [...new Set(fixes)].sort((a, b) => compareVersions(ecosystem, a, b));
}

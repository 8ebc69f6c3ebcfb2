/**
 * The dependencies scanner: the lockfiles of the scope (@shipgate/dependencies) against OSV (`osv-url`), over
 * @shipgate/net's HTTP client. What OSV could not answer (throttled, failing) or a lockfile that could not be
 * parsed makes the result incomplete, with the reason: a warning and the `incomplete` output, never a silent pass.
 */
import type { Clock } from '@shipgate/core';
import { scanDependencies, type IgnoreRule, type OsvApi } from '@shipgate/dependencies';
import type { Scanner, ScanResult, ScanScope } from '../scanner.js';

export interface DependenciesScannerSettings {
  /** The OSV API (https://api.osv.dev or a mirror), as shown. */
  osvUrl: string;
  /** Accepted advisories, and the file they came from (as shown). */
  ignore: readonly IgnoreRule[];
  ignoreFile: string | undefined;
}

/** What the scanner talks to: OSV (opened when the scan starts, closed when it ends) and the clock. */
export interface DependenciesScannerPorts {
  openOsv(url: string): { osv: OsvApi; close(): void };
  clock: Clock;
}

export function dependenciesScanner(settings: DependenciesScannerSettings, ports: DependenciesScannerPorts): Scanner {
  return {
    name: 'dependencies',
    describe: () => `vulnerable dependencies (lockfiles against OSV at ${settings.osvUrl})`,
    async scan(scope: ScanScope): Promise<ScanResult> {
      const files = new Set(scope.files.map((f) => f.path));
      const connection = ports.openOsv(settings.osvUrl);
      try {
        const result = await scanDependencies({
          files: [...files],
          readFile: async (path) => {
            const text = await scope.read(path);
            if (text === undefined) throw new Error('not readable as text');
            return text;
          },
          osv: connection.osv,
          ignore: settings.ignore,
          now: ports.clock.now(),
          clock: ports.clock,
        });
        const from = settings.ignoreFile ?? 'the ignore file';
        const notes = [
          `${result.lockfiles.length} lockfile(s), ${result.packages} package version(s) checked in ${result.requests} OSV request(s)`,
          ...result.ignored.map(
            ({ finding, rule }) =>
              `${finding.ruleId} at ${finding.location?.file}:${finding.location?.line} accepted by ${from}: ${rule.reason}`,
          ),
          ...result.expired.map(
            (rule) => `${from}: the acceptance of ${rule.id} expired on ${rule.expires}: it no longer applies`,
          ),
          ...(result.skipped.length > 0
            ? [
                `${result.skipped.length} entr${result.skipped.length === 1 ? 'y' : 'ies'} not checked (not pinned or not from a registry): ${result.skipped.slice(0, 10).join(', ')}${result.skipped.length > 10 ? ', …' : ''}`,
              ]
            : []),
        ];
        return { findings: result.findings, incomplete: result.incomplete, notes };
      } finally {
        connection.close();
      }
    },
  };
}

/**
 * The SARIF 2.1.0 log code scanning receives: one run per scanner, each with its own category
 * (`shipgate/security-scan/<scanner>/`, so an upload never merges them and a scanner with no findings closes its
 * alerts), `primaryLocationLineHash` computed as the upload action does, and within GitHub's limits: at most
 * 5,000 results per run (code scanning keeps no more of the 25,000 it accepts) and 10 MB per file.
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#file-limits
 */
import { SARIF_MAX_RESULTS, toSarifInputs, type Finding } from '@shipgate/findings';
import { buildSarif, type SarifLog, type SarifToolInput } from '@shipgate/kit';
import type { ScannerRun } from './scan.js';

/** GitHub refuses a SARIF file above 10 MB (compressed); uncompressed below it is always accepted. */
export const SARIF_MAX_BYTES = 10 * 1024 * 1024;

export const TOOL = {
  name: 'Shipgate',
  version: '0.1.0',
  informationUri: 'https://github.com/shipgate/shipgate/tree/main/actions/security-scan',
};

export interface SarifOutput {
  log: SarifLog;
  text: string;
  /** Findings left out to stay within the limits (the least severe of each run). */
  omitted: number;
}

/** Another tool's run in the same log (preflight puts error-detection's first), within the same limits. */
export interface SarifRunSource {
  tool: SarifToolInput;
  findings: readonly Finding[];
  /** Whether the rules carry a security severity (false: code-quality findings). Default true. */
  security?: boolean;
  sourceText: (file: string) => string | undefined;
}

/**
 * The log for `runs`, after the runs of `leading`; `sourceText` gives the text of files with findings (for the
 * line hashes).
 */
export function buildSarifLog(
  runs: readonly ScannerRun[],
  sourceText: (file: string) => string | undefined,
  maxBytes = SARIF_MAX_BYTES,
  leading: readonly SarifRunSource[] = [],
): SarifOutput {
  const sources: SarifRunSource[] = [
    ...leading,
    ...runs.map((run) => ({
      tool: { ...TOOL, category: `shipgate/security-scan/${run.name}` },
      findings: run.findings,
      sourceText,
    })),
  ];
  let maxResults = SARIF_MAX_RESULTS;
  for (;;) {
    let omitted = 0;
    const logs = sources.map((source) => {
      const inputs = toSarifInputs(source.findings, {
        sourceText: source.sourceText,
        maxResults,
        ...(source.security === undefined ? {} : { security: source.security }),
      });
      omitted += inputs.omitted;
      return buildSarif(source.tool, inputs.rules, inputs.results);
    });
    const log: SarifLog = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: logs.flatMap((l) => l.runs),
    };
    const text = `${JSON.stringify(log, null, 2)}\n`;
    if (Buffer.byteLength(text) <= maxBytes || maxResults === 0) return { log, text, omitted };
    maxResults = Math.floor(maxResults / 2);
  }
}

/**
 * The SARIF 2.1.0 log code scanning receives: one run per scanner, each with its own category
 * (`shipgate/security-scan/<scanner>/`, so an upload never merges them and a scanner with no findings closes its
 * alerts), `primaryLocationLineHash` computed as the upload action does, and within GitHub's limits: at most
 * 5,000 results per run (code scanning keeps no more of the 25,000 it accepts) and 10 MB per file.
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#file-limits
 */
import { SARIF_MAX_RESULTS, toSarifInputs } from '@shipgate/findings';
import { buildSarif, type SarifLog } from '@shipgate/kit';
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

/** The log for `runs`; `sourceText` gives the text of files with findings (for the line hashes). */
export function buildSarifLog(
  runs: readonly ScannerRun[],
  sourceText: (file: string) => string | undefined,
  maxBytes = SARIF_MAX_BYTES,
): SarifOutput {
  let maxResults = SARIF_MAX_RESULTS;
  for (;;) {
    let omitted = 0;
    const logs = runs.map((run) => {
      const inputs = toSarifInputs(run.findings, { sourceText, maxResults });
      omitted += inputs.omitted;
      return buildSarif({ ...TOOL, category: `shipgate/security-scan/${run.name}` }, inputs.rules, inputs.results);
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

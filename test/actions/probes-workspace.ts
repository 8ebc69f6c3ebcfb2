import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionRun } from '../support/run-action.js';

/** A fresh workspace holding the given files (a probe file, a config file). */
export function workspaceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'probes-ws-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The synthetic-probes report of a run. */
export interface ProbesReport {
  schema: string;
  data: {
    verdict: string;
    reason: string;
    rounds: number;
    healthyAfterMs?: number;
    probes: {
      name: string;
      status: string;
      attempts: number;
      reason?: string;
      durationMs: number;
      timings: Record<string, number>;
      details?: Record<string, unknown>;
      failedAssertion?: { expected: string; actual: string };
    }[];
  };
}

export function readReport(run: ActionRun): ProbesReport {
  return JSON.parse(readFileSync(run.outputs.report ?? '', 'utf8')) as ProbesReport;
}

/** The report entry of one probe. */
export function probeOf(report: ProbesReport, name: string): ProbesReport['data']['probes'][number] {
  const probe = report.data.probes.find((p) => p.name === name);
  if (!probe) throw new Error(`no probe '${name}' in the report: ${report.data.probes.map((p) => p.name).join(', ')}`);
  return probe;
}

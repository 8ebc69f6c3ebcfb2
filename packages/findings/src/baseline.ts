/**
 * Baselines: findings a team has accepted, by fingerprint, so a scan reports only what is new. The file is JSON
 * (`shipgate/baseline/v1`); entries may carry the rule and file they were written for, and a reason, for reviewers.
 */
import { ConfigError } from '@shipgate/core';
import type { Finding } from './finding.js';

export const BASELINE_SCHEMA = 'shipgate/baseline/v1';

export interface BaselineEntry {
  fingerprint: string;
  ruleId?: string;
  file?: string;
  reason?: string;
}

export interface Baseline {
  entries: BaselineEntry[];
}

/** Parses a baseline file; every problem names the file and the entry. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, '', `is not valid JSON: ${(error as Error).message}`, {}, { hint: HINT });
  }
  if (!isRecord(data) || data.schema !== BASELINE_SCHEMA || !Array.isArray(data.findings))
    throw new ConfigError(file, 'schema', `must be "${BASELINE_SCHEMA}" with a "findings" array`, {}, { hint: HINT });
  const entries = data.findings.map((entry: unknown, i: number): BaselineEntry => {
    if (!isRecord(entry) || typeof entry.fingerprint !== 'string' || entry.fingerprint === '')
      throw new ConfigError(file, `findings[${i}].fingerprint`, 'must be a non-empty string', {}, { hint: HINT });
    for (const key of ['ruleId', 'file', 'reason'] as const) {
      if (entry[key] !== undefined && typeof entry[key] !== 'string')
        throw new ConfigError(file, `findings[${i}].${key}`, 'must be a string when present');
    }
    return {
      fingerprint: entry.fingerprint,
      ...(typeof entry.ruleId === 'string' ? { ruleId: entry.ruleId } : {}),
      ...(typeof entry.file === 'string' ? { file: entry.file } : {}),
      ...(typeof entry.reason === 'string' ? { reason: entry.reason } : {}),
    };
  });
  return { entries };
}

const HINT = `Write one with the scan's baseline output, or by hand: {"schema": "${BASELINE_SCHEMA}", "findings": [{"fingerprint": "..."}]}.`;

/** The baseline file for `findings` (sorted, so it diffs well). No secret goes in: fingerprints hash them. */
export function formatBaseline(findings: readonly Finding[], reason?: string): string {
  const entries = [...new Map(findings.map((f) => [f.fingerprint, f])).values()]
    .map((f) => ({
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      ...(f.location ? { file: f.location.file } : {}),
      ...(reason ? { reason } : {}),
    }))
    .sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return `${JSON.stringify({ schema: BASELINE_SCHEMA, findings: entries }, null, 2)}\n`;
}

export interface BaselineSplit {
  /** Findings not in the baseline: what the scan reports and judges. */
  active: Finding[];
  /** Findings the baseline accepts. */
  suppressed: Finding[];
  /** Baseline entries no finding matched any more (fixed, or the file is gone): candidates for removal. */
  stale: BaselineEntry[];
}

/** Splits findings by a baseline. */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): BaselineSplit {
  const accepted = new Set(baseline.entries.map((entry) => entry.fingerprint));
  const matched = new Set<string>();
  const active: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    if (accepted.has(finding.fingerprint)) {
      suppressed.push(finding);
      matched.add(finding.fingerprint);
    } else active.push(finding);
  }
  return { active, suppressed, stale: baseline.entries.filter((entry) => !matched.has(entry.fingerprint)) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

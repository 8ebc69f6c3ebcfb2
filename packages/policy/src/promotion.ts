import { formatDuration } from '@shipgate/core';
import type { RuleResult } from './rule-result.js';

/**
 * Promotion order: the commit or version must already have succeeded in earlier environments (`staging` before
 * `production`), optionally for a soak time, and not been followed there by a failure or a rollback of it.
 * The records come through `PromotionHistory`, a port the action adapts from the history package's deployment
 * store (domain packages import only core).
 */

/** One deployment in an environment, with its latest status. */
export interface PromotionRecord {
  id: number;
  /** The commit SHA or ref deployed. */
  ref: string;
  /** The version deployed (from the payload, else the ref). */
  version: string;
  /** `deploy`, `deploy:canary`, `rollback`, ... */
  task: string;
  /** The latest status (`success`, `failure`, `error`, `in_progress`, ...), undefined without one. */
  state: string | undefined;
  /** Unix ms when the deployment was created. */
  createdAt: number;
  /** Unix ms when the latest status was set, when known (else `createdAt` stands in). */
  stateAt: number | undefined;
  /** For a rollback: the version it rolled back from, when the record says. */
  rolledBackFrom: string | undefined;
}

/** Reads an environment's deployments, newest first. */
export interface PromotionHistory {
  list(environment: string): Promise<PromotionRecord[]>;
}

/** What is being promoted. */
export interface PromotionCandidate {
  /** The commit SHA. */
  sha: string;
  /** The version, when the workflow names one. */
  version: string | undefined;
}

/** One environment's verdict. */
export interface EnvironmentPromotion {
  environment: string;
  ok: boolean;
  reason: string;
  /** The success deployment that satisfied it. */
  deploymentId: number | undefined;
}

export interface PromotionResult extends RuleResult {
  rule: 'promotion';
  environments: EnvironmentPromotion[];
}

const FAILED = new Set(['failure', 'error']);

/** Judges one environment from its records (newest first). */
export function judgeEnvironment(
  environment: string,
  records: readonly PromotionRecord[],
  candidate: PromotionCandidate,
  soakMs: number,
  now: number,
): EnvironmentPromotion {
  const ours = (r: PromotionRecord) =>
    r.ref === candidate.sha || (candidate.version !== undefined && r.version === candidate.version);
  const label = candidate.version ?? candidate.sha.slice(0, 12);
  const index = records.findIndex((r) => ours(r) && r.state === 'success' && r.task !== 'rollback');
  const success = records[index];
  if (!success)
    return {
      environment,
      ok: false,
      deploymentId: undefined,
      reason: `${label} has no successful deployment to ${environment}`,
    };
  const later = records.slice(0, index);
  const spoiled = later.find(
    (r) =>
      (ours(r) && r.state !== undefined && FAILED.has(r.state)) || (r.task === 'rollback' && rolledBack(r, candidate)),
  );
  if (spoiled) {
    const what =
      spoiled.task === 'rollback'
        ? `rolled back by deployment ${spoiled.id}`
        : `failed later (deployment ${spoiled.id}, ${spoiled.state})`;
    return {
      environment,
      ok: false,
      deploymentId: success.id,
      reason: `${label} succeeded in ${environment} (deployment ${success.id}) but ${what}`,
    };
  }
  // Soak runs from the success status (when the store knows its time), not from when the deployment started.
  const since = success.stateAt ?? success.createdAt;
  const soaked = now - since;
  // GitHub's times have whole seconds: so does the reason.
  const shown = formatDuration(Math.max(0, soaked - (soaked % 1000)));
  if (soaked < soakMs)
    return {
      environment,
      ok: false,
      deploymentId: success.id,
      reason: `${label} has run in ${environment} for ${shown} of the ${formatDuration(soakMs)} soak time (deployment ${success.id})`,
    };
  const soakNote = soakMs > 0 ? ` for ${shown} (soak ${formatDuration(soakMs)})` : '';
  return {
    environment,
    ok: true,
    deploymentId: success.id,
    reason: `${label} succeeded in ${environment}${soakNote} (deployment ${success.id})`,
  };
}

function rolledBack(record: PromotionRecord, candidate: PromotionCandidate): boolean {
  const from = record.rolledBackFrom;
  return from !== undefined && (from === candidate.version || from === candidate.sha);
}

/** Checks every required environment; an empty list passes. */
export async function checkPromotion(
  history: PromotionHistory,
  required: readonly string[],
  candidate: PromotionCandidate,
  soakMs: number,
  now: number,
): Promise<PromotionResult> {
  if (required.length === 0)
    return { rule: 'promotion', status: 'skipped', reason: 'require-deployed-to is not set.', environments: [] };
  const environments: EnvironmentPromotion[] = [];
  for (const environment of required)
    environments.push(judgeEnvironment(environment, await history.list(environment), candidate, soakMs, now));
  const failed = environments.filter((e) => !e.ok);
  return {
    rule: 'promotion',
    status: failed.length === 0 ? 'passed' : 'blocked',
    reason: `${(failed.length === 0 ? environments : failed).map((e) => e.reason).join('; ')}.`,
    environments,
  };
}

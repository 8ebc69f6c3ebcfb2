import { isTarget, isVersion } from '@shipgate/core';
import { readApprovalRecord, type ApprovalRecord } from './approval-record.js';

/**
 * The payload Shipgate writes on every GitHub Deployment it creates, and the one reader of it. Payloads can be
 * written by anyone with `deployments: write`, so the reader accepts only what matches the grammar (versions,
 * server addresses) and drops the rest; whether an address may receive traffic is decided by the caller against
 * the workflow's own inputs.
 */
export const PAYLOAD_SCHEMA = 2;

/** How the version was put in place. */
export type PayloadProvider = 'nginx' | 'command';

/** What a deployment record says about itself and about what it replaced. */
export interface ShipgatePayload {
  /** Payload format; older records carry 1 (read the same way). */
  shipgate: number;
  /** The version this deployment put in place (`undefined` when the payload's breaks the grammar). */
  version: string | undefined;
  provider: PayloadProvider;
  /** The servers that run `version` (nginx). */
  targets: string[];
  /** What was serving before this deployment: a rollback's target right after a failed or aborted rollout. */
  previous: { version: string; deploymentId: number | undefined; targets: string[] } | undefined;
  /** The nginx upstream the traffic went through, when nginx moved it. */
  nginx: { upstream: string; upstreamFile: string; split: string; host: string | undefined } | undefined;
  /** The approval-gate decision this deployment went ahead under, when the workflow passed it on. */
  approval: ApprovalRecord | undefined;
}

/** The JSON object to store as a deployment's payload. */
export function writePayload(
  payload: Omit<ShipgatePayload, 'shipgate' | 'version' | 'approval'> & {
    version: string;
    approval?: ApprovalRecord | undefined;
  },
): Record<string, unknown> {
  return {
    shipgate: PAYLOAD_SCHEMA,
    version: payload.version,
    provider: payload.provider,
    targets: payload.targets,
    previous: payload.previous
      ? {
          version: payload.previous.version,
          deploymentId: payload.previous.deploymentId ?? null,
          targets: payload.previous.targets,
        }
      : null,
    nginx: payload.nginx ? { ...payload.nginx, host: payload.nginx.host ?? null } : null,
    ...(payload.approval ? { approval: payload.approval } : {}),
  };
}

/** A payload read back: `undefined` when it is not a Shipgate payload; values that break the grammar are dropped. */
export function readPayload(raw: Record<string, unknown>): ShipgatePayload | undefined {
  if (typeof raw.shipgate !== 'number') return undefined;
  const provider: PayloadProvider = raw.provider === 'command' ? 'command' : 'nginx';
  const previous =
    isRecord(raw.previous) && isVersion(raw.previous.version)
      ? {
          version: raw.previous.version,
          deploymentId: positiveInteger(raw.previous.deploymentId),
          targets: targetsOf(raw.previous.targets),
        }
      : undefined;
  const nginx =
    isRecord(raw.nginx) && typeof raw.nginx.upstream === 'string' && typeof raw.nginx.upstreamFile === 'string'
      ? {
          upstream: raw.nginx.upstream,
          upstreamFile: raw.nginx.upstreamFile,
          split: typeof raw.nginx.split === 'string' ? raw.nginx.split : 'weighted',
          host: typeof raw.nginx.host === 'string' ? raw.nginx.host : undefined,
        }
      : undefined;
  return {
    shipgate: raw.shipgate,
    version: isVersion(raw.version) ? raw.version : undefined,
    provider,
    targets: targetsOf(raw.targets),
    previous,
    nginx,
    approval: readApprovalRecord(raw.approval),
  };
}

function targetsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string' && isTarget(t)) : [];
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import type { DeploymentRecord, DeploymentStore } from '@shipgate/history';
import { readPayload } from '@shipgate/history';
import type { PromotionHistory, PromotionRecord } from '@shipgate/policy';

/** The policy's promotion port over the history package's deployment store (GitHub Deployments). */
export function promotionHistory(store: DeploymentStore): PromotionHistory {
  return { list: async (environment) => (await store.list(environment, 50)).map(toPromotionRecord) };
}

/** A deployment record as the promotion rule reads it; a rollback says which version it replaced. */
export function toPromotionRecord(record: DeploymentRecord): PromotionRecord {
  const payload = readPayload(record.payload);
  return {
    id: record.id,
    ref: record.ref,
    version: record.version,
    task: record.task,
    state: record.state,
    createdAt: Date.parse(record.createdAt),
    // The soak is measured from when the latest status (the success) was created, not from the deployment's start.
    stateAt: record.stateAt === undefined ? undefined : Date.parse(record.stateAt),
    rolledBackFrom: record.task === 'rollback' ? payload?.previous?.version : undefined,
  };
}

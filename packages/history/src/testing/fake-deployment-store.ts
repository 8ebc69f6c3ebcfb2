import type {
  DeploymentRecord,
  DeploymentState,
  DeploymentStore,
  NewDeployment,
  StatusLinks,
} from '../deployment-store.js';

/** An in-memory `DeploymentStore` for unit tests. */
export class FakeDeploymentStore implements DeploymentStore {
  readonly records: DeploymentRecord[] = [];
  /** The login the records this store creates carry, as a workflow's own token's would. */
  creator = 'github-actions[bot]';
  readonly statuses: { id: number; state: DeploymentState; links: StatusLinks }[] = [];
  private nextId = 1;

  async list(environment: string, limit = 100): Promise<DeploymentRecord[]> {
    return this.records.filter((r) => r.environment === environment).slice(0, limit);
  }
  async create(d: NewDeployment): Promise<DeploymentRecord> {
    const record: DeploymentRecord = {
      id: this.nextId++,
      environment: d.environment,
      ref: d.ref,
      task: d.task,
      version: d.version,
      payload: d.payload,
      createdAt: new Date(0).toISOString(),
      creator: this.creator,
      state: undefined,
    };
    this.records.unshift(record);
    return record;
  }
  async setStatus(id: number, state: DeploymentState, links: StatusLinks): Promise<void> {
    this.statuses.push({ id, state, links });
    const record = this.records.find((r) => r.id === id);
    if (record) record.state = state;
  }
}

import type { ApprovalSignal, ApproverGroup } from '../approval-tally.js';
import type { ApprovalChannel, VoterAccess } from '../approval-wait.js';
import type { PromotionHistory, PromotionRecord } from '../promotion.js';

/**
 * An in-memory approval channel. Tests add comments and change membership or access between polls; `reads`
 * counts every read and `changedReads` the ones that returned data (what a real channel pays for: a 304 is free).
 */
export class FakeApprovalChannel implements ApprovalChannel {
  signals: ApprovalSignal[] = [];
  approvers: string[];
  groups: ApproverGroup[];
  writers: Set<string>;
  reads = 0;
  changedReads = 0;
  accessReads = 0;
  private version = 0;
  private seenVersion = -1;

  constructor(init: { approvers?: string[]; groups?: ApproverGroup[]; writers?: string[] } = {}) {
    this.approvers = init.approvers ?? [];
    this.groups = init.groups ?? [];
    this.writers = new Set(init.writers ?? this.approvers);
  }

  /** Adds a comment or review, as someone writing on the request would. */
  add(signal: ApprovalSignal): void {
    this.signals.push(signal);
    this.version += 1;
  }

  /** Edits a comment's body, moving its `updatedAt` as GitHub does. */
  edit(id: string, body: string, at: number): void {
    const signal = this.signals.find((s) => s.id === id);
    if (!signal) throw new Error(`No signal ${id}`);
    signal.body = body;
    signal.updatedAt = at;
    this.version += 1;
  }

  async readVotes(): Promise<ApprovalSignal[] | undefined> {
    this.reads += 1;
    if (this.version === this.seenVersion) return undefined;
    this.seenVersion = this.version;
    this.changedReads += 1;
    return this.signals.map((s) => ({ ...s }));
  }

  async access(voters: readonly string[]): Promise<VoterAccess> {
    this.accessReads += 1;
    const writers = new Set(voters.filter((v) => [...this.writers].some((w) => w.toLowerCase() === v.toLowerCase())));
    return { approvers: [...this.approvers], groups: this.groups.map((g) => ({ ...g })), writers };
  }
}

/** Deployment records per environment, newest first. */
export class FakePromotionHistory implements PromotionHistory {
  constructor(private readonly records: Record<string, PromotionRecord[]> = {}) {}

  async list(environment: string): Promise<PromotionRecord[]> {
    return [...(this.records[environment] ?? [])];
  }
}

/** A record with defaults for the fields a test does not care about. */
export function promotionRecord(fields: Partial<PromotionRecord> & Pick<PromotionRecord, 'id'>): PromotionRecord {
  return {
    ref: 'a'.repeat(40),
    version: 'v1.0.0',
    task: 'deploy',
    state: 'success',
    createdAt: 0,
    stateAt: undefined,
    rolledBackFrom: undefined,
    ...fields,
  };
}

/** A clock that only moves when slept on; `sleeps` records every wait. */
export class FakeClock {
  sleeps: number[] = [];
  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return;
    this.sleeps.push(ms);
    this.time += ms;
  }
}

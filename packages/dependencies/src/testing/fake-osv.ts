import type { OsvAnswer, OsvApi, OsvBatchResult, OsvFailure, OsvQuery, OsvRecord } from '../osv-api.js';
import { affectsVersion } from '../osv-ranges.js';

/** An in-memory OSV for unit tests: answers from `records`, with failures queued by `failNext`. */
export class FakeOsv implements OsvApi {
  readonly batches: OsvQuery[][] = [];
  readonly detailRequests: string[] = [];
  private readonly failures: { call: 'batch' | 'vuln'; failure: OsvFailure }[] = [];

  constructor(private readonly records: readonly OsvRecord[]) {}

  /** The next `times` calls of `call` fail with `failure`. */
  failNext(call: 'batch' | 'vuln', failure: OsvFailure, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ call, failure });
  }

  async queryBatch(queries: readonly OsvQuery[]): Promise<OsvAnswer<OsvBatchResult[]>> {
    this.batches.push([...queries]);
    const failure = this.take('batch');
    if (failure) return { ok: false, failure };
    const value = queries.map((q) => {
      const vulns = this.records
        .filter((r) =>
          (r.affected ?? []).some((a) => affectsVersion(a, q.package.ecosystem, q.package.name, q.version)),
        )
        .map((r) => ({ id: r.id, modified: r.modified }));
      return vulns.length ? { vulns } : {};
    });
    return { ok: true, value };
  }

  async getVulnerability(id: string): Promise<OsvAnswer<OsvRecord>> {
    this.detailRequests.push(id);
    const failure = this.take('vuln');
    if (failure) return { ok: false, failure };
    const record = this.records.find((r) => r.id === id);
    return record
      ? { ok: true, value: record }
      : { ok: false, failure: { message: `${id} not found (HTTP 404)`, retryable: false } };
  }

  private take(call: 'batch' | 'vuln'): OsvFailure | undefined {
    const i = this.failures.findIndex((f) => f.call === call);
    return i === -1 ? undefined : this.failures.splice(i, 1)[0]?.failure;
  }
}

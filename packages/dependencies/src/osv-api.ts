/**
 * The OSV API as the scan sees it (https://google.github.io/osv.dev/api/): the port an adapter implements over
 * HTTP, and the parts of an OSV record the scan reads (https://ossf.github.io/osv-schema/).
 */

/** One package version to look up; `page_token` continues a result that had more. */
export interface OsvQuery {
  package: { ecosystem: string; name: string };
  version: string;
  page_token?: string;
}

/** The answer to one query of a batch: ids only (details come from `getVulnerability`). */
export interface OsvBatchResult {
  vulns?: { id: string; modified?: string }[];
  next_page_token?: string;
}

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvAffected {
  package?: { ecosystem: string; name: string; purl?: string };
  ranges?: { type: string; events: OsvEvent[] }[];
  versions?: string[];
  severity?: OsvSeverity[] | null;
  database_specific?: Record<string, unknown>;
}

export interface OsvSeverity {
  type: string;
  score: string;
}

/** An OSV vulnerability record. */
export interface OsvRecord {
  id: string;
  modified: string;
  /** Set when the advisory was retracted: it no longer applies. */
  withdrawn?: string;
  aliases?: string[] | null;
  summary?: string;
  details?: string;
  severity?: OsvSeverity[] | null;
  affected?: OsvAffected[] | null;
  references?: { type: string; url: string }[] | null;
  database_specific?: Record<string, unknown>;
}

/** Why a call gave no answer. `retryable` is true for throttling (429), server errors and network failures. */
export interface OsvFailure {
  message: string;
  retryable: boolean;
  /** Seconds the server asked to wait (`retry-after`), when it said. */
  retryAfterSeconds?: number;
}

export type OsvAnswer<T> = { ok: true; value: T } | { ok: false; failure: OsvFailure };

/** The port: the two OSV calls the scan makes. Implementations report failures as values, never throw. */
export interface OsvApi {
  /** `POST /v1/querybatch` with at most {@link MAX_BATCH} queries; results come back in query order. */
  queryBatch(queries: readonly OsvQuery[]): Promise<OsvAnswer<OsvBatchResult[]>>;
  /** `GET /v1/vulns/{id}`. */
  getVulnerability(id: string): Promise<OsvAnswer<OsvRecord>>;
}

/** The most queries OSV accepts in one batch. */
export const MAX_BATCH = 1000;

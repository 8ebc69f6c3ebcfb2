/**
 * The approval decision a deployment was made under: approval-gate writes it as its `decision` output, and
 * canary-deploy takes it (input `approval`) into the Deployment payload, where whoever reads the deployment later
 * finds who approved, when, where, and whether break-glass was used. It crosses a workflow and is read back from
 * GitHub, so the reader keeps only what matches its grammar and drops the rest.
 */
export const APPROVAL_RECORD_SCHEMA = 'shipgate/approval-gate/decision/v1';

/** The gate's results; only `approved` lets a deployment go ahead. */
export const APPROVAL_RESULTS = [
  'approved',
  'denied',
  'timed-out',
  'blocked-by-window',
  'blocked-by-promotion',
  'pending',
] as const;
export type ApprovalResult = (typeof APPROVAL_RESULTS)[number];

/** One counted approval. */
export interface RecordedApproval {
  login: string;
  /** ISO time of the comment or review. */
  at: string;
  /** The comment or review, or the run for Environments reviews. */
  url: string;
}

/** One rule's verdict, in the order they were evaluated. */
export interface RecordedRule {
  rule: 'window' | 'promotion' | 'approval';
  status: 'passed' | 'blocked' | 'overridden' | 'pending' | 'skipped';
  reason: string;
}

/** The decision record. */
export interface ApprovalRecord {
  schema: typeof APPROVAL_RECORD_SCHEMA;
  result: ApprovalResult;
  reason: string;
  /** ISO time the gate decided. */
  decidedAt: string;
  rules: RecordedRule[];
  approvers: RecordedApproval[];
  /** The issue or pull request comment where approval was asked for. */
  requestUrl: string | undefined;
  /** The run that decided. */
  runUrl: string | undefined;
  /** Set when a closed window or a freeze was overridden: the reason given and the follow-up issue. */
  breakGlass: { source: string; reason: string; followUpUrl: string | undefined } | undefined;
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;
const RULES = new Set(['window', 'promotion', 'approval']);
const STATUSES = new Set(['passed', 'blocked', 'overridden', 'pending', 'skipped']);
/** Reasons are sentences; a payload has room, but not for a novel. */
const MAX_TEXT = 2000;

/**
 * A decision record read from JSON: `undefined` when it is not one (no object, another schema, an unknown result);
 * approvals, rules and links that break the grammar are dropped, texts are cut to 2000 characters.
 */
export function readApprovalRecord(raw: unknown): ApprovalRecord | undefined {
  if (!isRecord(raw) || raw.schema !== APPROVAL_RECORD_SCHEMA) return undefined;
  const result = APPROVAL_RESULTS.find((r) => r === raw.result);
  if (!result) return undefined;
  const rules = (Array.isArray(raw.rules) ? raw.rules : [])
    .filter(isRecord)
    .filter((r) => RULES.has(String(r.rule)) && STATUSES.has(String(r.status)))
    .slice(0, 3)
    .map((r) => ({ rule: r.rule, status: r.status, reason: text(r.reason) }) as RecordedRule);
  const approvers = (Array.isArray(raw.approvers) ? raw.approvers : [])
    .filter(isRecord)
    .filter((a) => typeof a.login === 'string' && LOGIN.test(a.login) && isoTime(a.at) !== undefined)
    .slice(0, 100)
    .map((a) => ({ login: String(a.login), at: isoTime(a.at) as string, url: link(a.url) ?? '' }));
  const glass = isRecord(raw.breakGlass) ? raw.breakGlass : undefined;
  return {
    schema: APPROVAL_RECORD_SCHEMA,
    result,
    reason: text(raw.reason),
    decidedAt: isoTime(raw.decidedAt) ?? '',
    rules,
    approvers,
    requestUrl: link(raw.requestUrl),
    runUrl: link(raw.runUrl),
    breakGlass:
      glass && typeof glass.reason === 'string' && glass.reason.trim() !== ''
        ? { source: text(glass.source), reason: text(glass.reason), followUpUrl: link(glass.followUpUrl) }
        : undefined,
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, MAX_TEXT) : '';
}

function link(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_TEXT || !URL.canParse(value)) return undefined;
  const protocol = new URL(value).protocol;
  return protocol === 'https:' || protocol === 'http:' ? value : undefined;
}

function isoTime(value: unknown): string | undefined {
  return typeof value === 'string' && Number.isFinite(Date.parse(value)) ? new Date(value).toISOString() : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

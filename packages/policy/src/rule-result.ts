/** The gate's rules, in the order they are evaluated (issue 11). */
export type RuleName = 'window' | 'promotion' | 'approval';

/**
 * What a rule decided. `overridden`: blocked, but break-glass with a reason let it through; `pending`: waiting
 * for people; `skipped`: not configured or not reached.
 */
export type RuleStatus = 'passed' | 'blocked' | 'overridden' | 'pending' | 'skipped';

/** One rule's result with the reason shown in the summary and the report. */
export interface RuleResult {
  rule: RuleName;
  status: RuleStatus;
  reason: string;
}

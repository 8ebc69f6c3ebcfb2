/**
 * The policy domain of approval-gate: deploy windows and freezes in IANA time zones, promotion order over a
 * deployment-history port, and the approval tally over an approval-channel port. Pure: settings and ports in, a
 * result out.
 */
export * from './zoned-time.js';
export * from './deploy-window.js';
export * from './freeze-period.js';
export * from './rule-result.js';
export * from './window-rule.js';
export * from './approval-words.js';
export * from './approval-tally.js';
export * from './approval-wait.js';
export * from './promotion.js';

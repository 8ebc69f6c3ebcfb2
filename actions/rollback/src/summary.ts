import type { Summary } from '@shipgate/kit';
import type { SuiteResult } from '@shipgate/probes';

/** What the summary shows. */
export interface RollbackOutcome {
  result: 'rolled-back' | 'noop' | 'failed';
  environment: string;
  from: string | undefined;
  to: string | undefined;
  reason: string;
  durationMs: number;
  maxDurationMs: number;
  health?: string;
  verification?: SuiteResult;
  deploymentId?: number;
}

const TITLE = {
  'rolled-back': '↩️ Rolled back',
  noop: '⏸️ Nothing to roll back',
  failed: '❌ Rollback failed',
} as const;

/** The verdict, the versions, the timing against max-duration and the verification probes. */
export function writeRollbackSummary(summary: Summary, o: RollbackOutcome): void {
  summary.heading(
    `${TITLE[o.result]}: ${o.environment}${o.from && o.to && o.result !== 'noop' ? ` ${o.from} → ${o.to}` : ''}`,
  );
  summary.text(o.reason);
  const seconds = (o.durationMs / 1000).toFixed(1);
  summary.table(
    ['', ''],
    [
      ['From', o.from ?? 'unknown'],
      ['To', o.to ?? ''],
      [
        'Duration',
        `${seconds} s${o.durationMs > o.maxDurationMs ? ` (over max-duration ${Math.round(o.maxDurationMs / 1000)} s)` : ''}`,
      ],
      ['Old version health', o.health ?? ''],
      [
        'Verification',
        o.verification
          ? `${o.verification.verdict}: ${o.verification.reason}`
          : o.result === 'noop'
            ? 'not run: nothing was switched'
            : o.result === 'failed'
              ? 'not run'
              : 'not requested (set verify)',
      ],
      ['Deployment', o.deploymentId ? String(o.deploymentId) : ''],
    ],
  );
  if (o.verification) {
    summary.table(
      ['Probe', 'Status', { header: 'Latency', align: 'right' }, 'Reason'],
      o.verification.probes.map((p) => [p.name, p.status, `${Math.round(p.durationMs)} ms`, p.reason ?? '']),
    );
  }
}

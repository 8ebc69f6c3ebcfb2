import type { ParsedAnnotation } from '../protocol.js';

/** How a step or job ended, as `needs.<job>.result` and `steps.<id>.conclusion` say it. */
export type Conclusion = 'success' | 'failure' | 'cancelled' | 'skipped';

/** One step as it ran (or did not). */
export interface StepRunResult {
  /** The step's `id:`, or the id the parser made up (`__run`, `__actions_checkout`). */
  id: string;
  name: string;
  kind: 'run' | 'action' | 'stand-in' | 'post';
  /** `uses:` as written, for actions and stand-ins. */
  uses?: string;
  /** Before `continue-on-error`. */
  outcome: Conclusion;
  /** After `continue-on-error`. */
  conclusion: Conclusion;
  outputs: Record<string, string>;
  summary: string;
  annotations: ParsedAnnotation[];
  /** The step's log as GitHub shows it (masked). */
  log: string;
  /** Why the runner failed the step itself (an expression, an unknown action, a timeout). */
  error?: string;
}

/** One job as it ran: its steps, or the workflow it called. */
export interface JobRunResult {
  id: string;
  name: string;
  conclusion: Conclusion;
  outputs: Record<string, string>;
  steps: StepRunResult[];
  /** The step summaries of the job, in order (of the called workflow's jobs for a reusable call). */
  summary: string;
  annotations: ParsedAnnotation[];
  /** `environment:` as evaluated (not protected here: approvals are the approval-gate's). */
  environment?: { name: string; url?: string };
  /**
   * `permissions:` of the job, else of its workflow, else (in a called workflow) what the calling job grants; null
   * when nothing says (the repository's default). Recorded, not enforced.
   */
  permissions: unknown;
  /** For `uses: <workflow>`: the called workflow's run. */
  workflow?: WorkflowRunResult;
  /** For a matrix job: each combination that ran, in order (`matrix` and `strategy` contexts set). */
  matrix?: JobRunResult[];
  /** Why the runner failed or cancelled the job itself. */
  error?: string;
}

/** A stand-in that ran, and what it recorded. */
export interface StandInUse {
  standIn: string;
  uses: string;
  job: string;
  step: string;
  record: Record<string, unknown>;
}

/** A workflow run: jobs in the order they ran, outputs (`on.workflow_call.outputs`), combined summary. */
export interface WorkflowRunResult {
  file: string;
  conclusion: Exclude<Conclusion, 'skipped'>;
  jobs: JobRunResult[];
  outputs: Record<string, string>;
  /** The job summaries of every job (called workflows included), in the order they ran. */
  summary: string;
  /** Every stand-in used, called workflows included. */
  standIns: StandInUse[];
}

/** Summaries one after the other, each ending with a newline, as the job summary page shows them. */
export function joinSummaries(parts: readonly string[]): string {
  return parts
    .filter(Boolean)
    .map((part) => (part.endsWith('\n') ? part : `${part}\n`))
    .join('');
}

/** A job by its path: `jobOf(run, 'deploy', 'canary')` is job `canary` of the workflow that job `deploy` called. */
export function jobOf(run: WorkflowRunResult, ...path: string[]): JobRunResult {
  const [first, ...rest] = path;
  const job = run.jobs.find((j) => j.id === first);
  if (!job) throw new Error(`No job '${first}' in ${run.file}: ${run.jobs.map((j) => j.id).join(', ')}`);
  if (rest.length === 0) return job;
  if (!job.workflow) throw new Error(`Job '${first}' of ${run.file} calls no workflow`);
  return jobOf(job.workflow, ...rest);
}

/** A step of a job by its id. */
export function stepOf(job: JobRunResult, id: string): StepRunResult {
  const step = job.steps.find((s) => s.id === id);
  if (!step) throw new Error(`No step '${id}' in job '${job.id}': ${job.steps.map((s) => s.id).join(', ')}`);
  return step;
}

/** A short text of a run: each job (nested calls indented) and step with its conclusion, for test logs. */
export function describeRun(run: WorkflowRunResult, indent = ''): string {
  const lines = [`${indent}${run.file}: ${run.conclusion}`];
  for (const job of run.jobs) {
    const env = job.environment ? ` environment=${job.environment.name}` : '';
    lines.push(`${indent}  job ${job.id}: ${job.conclusion}${env} permissions=${JSON.stringify(job.permissions)}`);
    if (job.error) lines.push(`${indent}    error: ${job.error}`);
    for (const step of job.steps) {
      lines.push(`${indent}    ${step.kind} ${step.id}: ${step.conclusion}${step.error ? ` (${step.error})` : ''}`);
      if (step.outcome !== 'failure' || step.error) continue;
      for (const a of step.annotations.filter((a) => a.level === 'error').slice(0, 3))
        lines.push(`${indent}      error${a.file ? ` ${a.file}:${a.line ?? ''}` : ''}: ${a.message.split('\n')[0]}`);
    }
    if (job.workflow) lines.push(describeRun(job.workflow, `${indent}    `));
    for (const [index, run] of (job.matrix ?? []).entries()) {
      lines.push(`${indent}    #${index} ${run.name}: ${run.conclusion}${run.error ? ` (${run.error})` : ''}`);
      for (const step of run.steps) lines.push(`${indent}      ${step.kind} ${step.id}: ${step.conclusion}`);
      if (run.workflow) lines.push(describeRun(run.workflow, `${indent}      `));
    }
  }
  return lines.join('\n');
}

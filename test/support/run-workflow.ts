import { onTestFinished } from 'vitest';
import {
  describeRun,
  removeWorkflowRun,
  runWorkflow,
  type LocalWorkflowRun,
  type WorkflowRunOptions,
} from '@shipgate/local-runner/workflow';
import { repoRoot, requireNode24 } from './paths.js';

/** What a test gives: the repository to check out, and anything else of {@link WorkflowRunOptions}. */
export type TestRunOptions = Partial<WorkflowRunOptions> & Pick<WorkflowRunOptions, 'repository'>;

/**
 * Runs a workflow file through the local workflow runner as a hosted runner would: only PATH and HOME from this
 * process, the repository the GitHub emulator serves, our actions from this checkout's committed bundles. Prints
 * the run (jobs, steps, conclusions, permissions) and the stand-ins it used; the run's folders are removed when the
 * test finishes.
 */
export async function runWorkflowFile(file: string, options: TestRunOptions): Promise<LocalWorkflowRun> {
  const run = await runWorkflow(file, {
    shipgateRoot: repoRoot,
    node: requireNode24(),
    baseEnv: { PATH: process.env.PATH, HOME: process.env.HOME },
    context: { repository: 'octo-org/octo-repo', apiUrl: 'http://127.0.0.1:9' },
    ...options,
  });
  onTestFinished(() => removeWorkflowRun(run));
  const standIns = run.standIns.map((s) => `  ${s.standIn} (${s.job}/${s.step}): ${JSON.stringify(s.record)}`);
  console.log(
    `${describeRun(run)}\nStand-ins used:\n${standIns.join('\n') || '  none'}\nJob summaries:\n${run.summary || '(none)'}`,
  );
  return run;
}

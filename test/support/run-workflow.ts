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

/** Prints a finished run; the default lists jobs, steps, conclusions, permissions, stand-ins and summaries. */
export type PrintRun = (run: LocalWorkflowRun) => void;

export const printRunInFull: PrintRun = (run) => {
  const standIns = run.standIns.map((s) => `  ${s.standIn} (${s.job}/${s.step}): ${JSON.stringify(s.record)}`);
  console.log(
    `${describeRun(run)}\nStand-ins used:\n${standIns.join('\n') || '  none'}\nJob summaries:\n${run.summary || '(none)'}`,
  );
};

/**
 * Runs a workflow file through the local workflow runner as a hosted runner would: only PATH and HOME from this
 * process, the repository the GitHub emulator serves, our actions from this checkout's committed bundles. Prints
 * the run (jobs, steps, conclusions, permissions) and the stand-ins it used; the run's folders are removed when the
 * test finishes.
 */
export async function runWorkflowFile(
  file: string,
  options: TestRunOptions,
  print: PrintRun = printRunInFull,
): Promise<LocalWorkflowRun> {
  const run = await runWorkflow(file, {
    shipgateRoot: repoRoot,
    node: requireNode24(),
    baseEnv: { PATH: process.env.PATH, HOME: process.env.HOME },
    context: { repository: 'octo-org/octo-repo', apiUrl: 'http://127.0.0.1:9' },
    ...options,
  });
  onTestFinished(() => removeWorkflowRun(run));
  print(run);
  return run;
}

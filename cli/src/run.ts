import { createJob, resolveInputs, startStep, type ActionMeta, type StepResult } from '@shipgate/local-runner';
import { LogRenderer, renderMarkdown, type Style } from './render.js';

/** What running an action needs from the outside world. */
export interface RunEnvironment {
  cwd: string;
  env: NodeJS.ProcessEnv;
  node: string;
  print: (line: string) => void;
  style: Style;
}

/**
 * Runs an action's main step and then its post step (as `post-if: always()` would) through the local runner,
 * printing the log, the job summary and the outputs. Returns the exit code: the main step's.
 */
export async function runLocally(action: ActionMeta, given: Record<string, string>, debug: boolean, io: RunEnvironment): Promise<number> {
  const env = io.env;
  const job = createJob({
    node: io.node,
    workspace: io.cwd,
    baseEnv: { ...env, ...(debug ? { RUNNER_DEBUG: '1' } : {}) },
    context: {
      ...(env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY } : {}),
      ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}),
      ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
      actor: env.GITHUB_ACTOR ?? env.USER ?? 'local',
      eventName: 'workflow_dispatch',
    },
  });
  const inputs = resolveInputs(action, given);
  const main = await runStep(job, action.main, inputs, {}, 'Run', debug, io);
  if (action.post) await runStep(job, action.post, inputs, main.state, 'Post', debug, io);
  const outputs = Object.entries(main.outputs);
  if (outputs.length) {
    io.print('');
    io.print(io.style.bold('Outputs'));
    for (const [name, value] of outputs) io.print(`  ${name}: ${value.includes('\n') ? `\n    ${value.split('\n').join('\n    ')}` : value}`);
  }
  const ok = main.exitCode === 0;
  io.print('');
  io.print(ok ? io.style.green(`✔ ${action.name} succeeded`) : io.style.red(`✖ ${action.name} failed (exit code ${main.exitCode ?? main.signal})`));
  return main.exitCode ?? 1;
}

async function runStep(
  job: ReturnType<typeof createJob>,
  script: string,
  inputs: Record<string, string>,
  state: Record<string, string>,
  label: string,
  debug: boolean,
  io: RunEnvironment,
): Promise<StepResult> {
  io.print(io.style.bold(`▸ ${label} ${script.split('/').slice(-3).join('/')}`));
  const renderer = new LogRenderer(io.style, debug, io.print);
  const result = await startStep(job, script, inputs, state, { onStdout: (chunk) => renderer.write(chunk), onStderr: (chunk) => renderer.write(chunk) }).done;
  renderer.end();
  if (result.summary.trim()) {
    io.print('');
    io.print(io.style.dim('─── job summary ───'));
    io.print(maskAll(renderMarkdown(result.summary, io.style), result.masked));
  }
  return result;
}

function maskAll(text: string, masks: readonly string[]): string {
  let result = text;
  for (const value of [...masks].sort((a, b) => b.length - a.length)) if (value) result = result.split(value).join('***');
  return result;
}

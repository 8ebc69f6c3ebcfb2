import { existsSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { relative } from 'node:path';
import {
  createJob,
  ExpressionError,
  maskText,
  removeJob,
  resolveInputs,
  startStep,
  type ActionMeta,
  type Job,
  type RunningStep,
  type StepResult,
} from '@shipgate/local-runner';
import { UsageError } from './args.js';
import { ENV_PREFIX } from './input-sources.js';
import { renderLine, renderMarkdown, type Style } from './render.js';
import { detectRepository } from './repository.js';

/** What running an action needs from the outside world. */
export interface RunEnvironment {
  cwd: string;
  env: NodeJS.ProcessEnv;
  node: string;
  /** Writes a line to stdout. */
  stdout: (line: string) => void;
  /** Writes a line to stderr. */
  stderr: (line: string) => void;
  style: Style;
  /** Subscribes to the signals that cancel the run (SIGINT, SIGTERM); returns the unsubscribe. */
  onSignal: (handler: (signal: NodeJS.Signals) => void) => () => void;
}

/** How to run it. */
export interface RunRequestOptions {
  debug: boolean;
  /** One JSON object on stdout; the log on stderr. */
  json: boolean;
}

/** `--json`: what the run produced, as one object. */
export interface JsonResult {
  action: string;
  conclusion: 'success' | 'failure' | 'cancelled';
  outputs: Record<string, string>;
  /** The parsed JSON report, when the action sets a `report` output. */
  report?: unknown;
}

/**
 * Runs an action's main step and then its post step (as `post-if: always()` would) through the local runner,
 * printing the log, the job summary and the outputs (or, with `json`, one JSON object). The job's temporary folder
 * is removed afterwards in every case. Returns the exit code: the main step's, or 128 + the signal's number when
 * cancelled.
 */
export async function runLocally(
  action: ActionMeta,
  given: Record<string, string>,
  options: RunRequestOptions,
  io: RunEnvironment,
): Promise<number> {
  const log = options.json ? io.stderr : io.stdout;
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN || '';
  const inputs = resolveWithToken(action, given, token);
  if (!token) {
    for (const input of action.inputs.filter(
      (i) => i.default?.includes('github.token') && !Object.hasOwn(given, i.name),
    )) {
      io.stderr(
        io.style.yellow(
          `note: input '${input.name}' defaults to \${{ github.token }}, ` +
            'and neither GITHUB_TOKEN nor GH_TOKEN is set: it is empty.',
        ),
      );
    }
  }
  const repository = detectRepository(io.env, io.cwd);
  const job = createJob({
    node: io.node,
    workspace: io.cwd,
    baseEnv: { ...jobEnv(io.env), ...(options.debug ? { RUNNER_DEBUG: '1' } : {}) },
    context: {
      ...(repository ? { repository } : {}),
      ...(io.env.GITHUB_API_URL ? { apiUrl: io.env.GITHUB_API_URL } : {}),
      ...(io.env.GITHUB_SERVER_URL ? { serverUrl: io.env.GITHUB_SERVER_URL } : {}),
      ...(io.env.GITHUB_SHA ? { sha: io.env.GITHUB_SHA } : {}),
      actor: io.env.GITHUB_ACTOR ?? io.env.USER ?? 'local',
      eventName: 'workflow_dispatch',
    },
    secrets: [token],
  });

  let cancelled: NodeJS.Signals | undefined;
  let killed = false;
  let current: RunningStep | undefined;
  const unsubscribe = io.onSignal((signal) => {
    if (cancelled === undefined) {
      cancelled = signal;
      log(
        io.style.yellow(
          `${signal}: cancelling the step as GitHub does (SIGINT, then SIGTERM, then SIGKILL); ` +
            'press Ctrl-C again to kill it now.',
        ),
      );
      current?.cancel();
    } else {
      killed = true;
      current?.kill();
    }
  });
  const run = async (script: string, state: Record<string, string>, label: string): Promise<StepResult> => {
    log(io.style.bold(`▸ ${label} ${script.split('/').slice(-3).join('/')}`));
    current = startStep(job, script, inputs, state, {
      onLine: (line) => {
        const text = renderLine(line, io.style, options.debug);
        if (text !== undefined) log(text);
      },
    });
    const result = await current.done;
    current = undefined;
    if (result.summary.trim()) {
      log('');
      log(io.style.dim('─── job summary ───'));
      log(maskText(renderMarkdown(result.summary, io.style), [...job.secrets, ...result.masked]));
    }
    return result;
  };

  try {
    const main = await run(action.main, {}, 'Run');
    // The runner runs a post step with `post-if: always()` after a cancelled main step too.
    if (action.post && !killed) await run(action.post, main.state, 'Post');
    const conclusion = cancelled !== undefined ? 'cancelled' : main.exitCode === 0 ? 'success' : 'failure';
    // Masked as the runner masks what it shows; the kit redacts outputs before it sets them anyway.
    const masks = [...job.secrets, ...main.masked];
    const outputs = Object.fromEntries(
      Object.entries(main.outputs).map(([name, value]) => [name, maskText(value, masks)]),
    );
    if (options.json) io.stdout(JSON.stringify(jsonResult(action, conclusion, outputs, log, io.style)));
    else printOutputs(outputs, job, io);
    log('');
    if (conclusion === 'success') log(io.style.green(`✔ ${action.name} succeeded`));
    else if (conclusion === 'cancelled') log(io.style.red(`✖ ${action.name} cancelled (${cancelled})`));
    else log(io.style.red(`✖ ${action.name} failed (exit code ${main.exitCode ?? main.signal})`));
    return cancelled !== undefined ? 128 + constants.signals[cancelled] : (main.exitCode ?? 1);
  } finally {
    current?.kill();
    unsubscribe();
    removeJob(job);
  }
}

/** Evaluates the defaults; an expression the local runner cannot evaluate is the user's to fill in (exit 2). */
function resolveWithToken(action: ActionMeta, given: Record<string, string>, token: string): Record<string, string> {
  try {
    return resolveInputs(action, given, { githubToken: token });
  } catch (error) {
    if (error instanceof ExpressionError)
      throw new UsageError(error.message.replace('Give the input a value.', `Give --${error.input} a value.`));
    throw error;
  }
}

/**
 * The environment a local job starts from: the user's, without variables that only the runner sets per step
 * (`INPUT_*`, `STATE_*`) and without our own input variables: inputs reach the action as inputs, not as env.
 */
function jobEnv(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !/^(INPUT_|STATE_)/.test(name) && !name.startsWith(ENV_PREFIX)),
  );
}

function printOutputs(outputs: Record<string, string>, job: Job, io: RunEnvironment): void {
  const entries = Object.entries(outputs);
  if (!entries.length) return;
  io.stdout('');
  io.stdout(io.style.bold('Outputs'));
  for (const [name, value] of entries) {
    // A file the action wrote in RUNNER_TEMP is gone with the job folder.
    const note =
      name === 'report' ? 'removed with the job folder; --json prints the report' : 'removed with the job folder';
    const shown = isInJob(value, job) ? `${value} ${io.style.dim(`(${note})`)}` : value;
    io.stdout(`  ${name}: ${shown.includes('\n') ? `\n    ${shown.split('\n').join('\n    ')}` : shown}`);
  }
}

function jsonResult(
  action: ActionMeta,
  conclusion: JsonResult['conclusion'],
  outputs: Record<string, string>,
  log: (line: string) => void,
  style: Style,
): JsonResult {
  const result: JsonResult = { action: action.name, conclusion, outputs };
  const path = outputs.report;
  if (path) {
    try {
      result.report = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      log(
        style.yellow(
          `warning: the report output '${path}' could not be read as JSON: ` +
            (error instanceof Error ? error.message : String(error)),
        ),
      );
    }
  }
  return result;
}

function isInJob(value: string, job: Job): boolean {
  if (!value.startsWith('/')) return false;
  const rel = relative(job.root, value);
  return !rel.startsWith('..') && existsSync(value);
}

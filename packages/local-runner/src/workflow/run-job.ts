// One job of steps, run as the runner runs it: step `if:` with the job's status, env (workflow, job, GITHUB_ENV,
// step), `run:` through the shell, `uses:` of our actions through their committed bundles (post steps at the end,
// in reverse order, by `post-if`) or a stand-in, continue-on-error, timeouts as guards, then the job's outputs.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ActionStep, Job as JobModel, RunStep } from '@actions/workflow-parser/model/workflow-template';
import { isActionStep, isRunStep } from '@actions/workflow-parser/model/type-guards';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { readActionMeta, resolveInputs, type ActionMeta } from '../action-meta.js';
import type { ParsedAnnotation, StepLine } from '../protocol.js';
import { startStep, type Job, type RunningStep, type StepResult } from '../step.js';
import {
  asText,
  evaluateCondition,
  evaluateTextMap,
  evaluateToken,
  whereOf,
  type Scope,
  type StatusView,
} from './expressions.js';
import { field, type ParsedWorkflow } from './parse-workflow.js';
import type { Conclusion, StandInUse, StepRunResult } from './results.js';
import type { StandIn } from './stand-ins.js';
import { resolveStepUses } from './uses-target.js';

/** What a job of steps runs with. */
export interface StepJobContext {
  workflow: ParsedWorkflow;
  model: JobModel;
  job: Job;
  /** Contexts fixed for the job: github, inputs, secrets, vars, needs, runner. */
  contexts: Scope['contexts'];
  token: string;
  shipgateRoot: string;
  repository: string;
  artifactDir: string;
  standIns: ReadonlyMap<string, StandIn>;
  standInUses: StandInUse[];
  onLine?: (text: string) => void;
  /** Cancels the run: the running step is cancelled as the runner does, and the job ends `cancelled`. */
  signal?: AbortSignal;
}

/** How a job of steps ended. */
export interface StepJobOutcome {
  conclusion: Exclude<Conclusion, 'skipped'>;
  steps: StepRunResult[];
  outputs: Record<string, string>;
  error?: string;
}

interface PostStep {
  id: string;
  meta: ActionMeta & { post: string };
  inputs: Record<string, string>;
  state: Record<string, string>;
  env: Record<string, string>;
  uses: string;
}

const DEFAULT_JOB_MINUTES = 360;
const CLEANUP_MS = 5 * 60_000;

/** Runs the steps of a job; never throws for what a workflow did wrong (the step or job fails instead). */
export async function runStepJob(ctx: StepJobContext): Promise<StepJobOutcome> {
  const { workflow, model } = ctx;
  const rawJob = field(field(workflow.root, 'jobs'), model.id.value);
  const rawSteps = field(rawJob, 'steps');
  const file = workflow.file;
  const steps: StepRunResult[] = [];
  const stepsContext: Record<string, unknown> = {};
  const posts: PostStep[] = [];
  const envFile: Record<string, string> = {};
  const pathAdds: string[] = [];
  let failed = false;
  let cancelled = false;
  let jobError: string | undefined;
  const status = (): StatusView => ({ success: !failed && !cancelled, failure: failed, cancelled });
  const scope = (env: Record<string, string>): Scope => ({
    contexts: { ...ctx.contexts, env, steps: stepsContext, job: { status: jobStatus() } },
    status: status(),
  });
  const jobStatus = (): string => (cancelled ? 'cancelled' : failed ? 'failure' : 'success');

  let baseEnv: Record<string, string>;
  let minutes = DEFAULT_JOB_MINUTES;
  try {
    const outer = scope({});
    const workflowEnv = evaluateTextMap(field(workflow.root, 'env'), outer, file);
    baseEnv = { ...workflowEnv, ...evaluateTextMap(field(rawJob, 'env'), scope(workflowEnv), file) };
    const timeout = field(rawJob, 'timeout-minutes');
    if (timeout) minutes = Number(evaluateToken(timeout, outer, file));
  } catch (error) {
    return { conclusion: 'failure', steps, outputs: {}, error: (error as Error).message };
  }
  const deadline = Date.now() + minutes * 60_000;
  // A job that starts after the run was cancelled (an always() job) runs its steps as usual.
  const startedCancelled = ctx.signal?.aborted === true;
  const cancelledNow = (): boolean => !startedCancelled && ctx.signal?.aborted === true;
  const envNow = (): Record<string, string> => ({ ...baseEnv, ...envFile });
  const pathEnv = (): Record<string, string> =>
    pathAdds.length
      ? {
          PATH: [...pathAdds]
            .reverse()
            .concat(ctx.job.env.PATH ?? '')
            .join(':'),
        }
      : {};

  for (const [index, step] of model.steps.entries()) {
    const raw = rawSteps && 'get' in rawSteps ? (rawSteps as { get(i: number): TemplateToken }).get(index) : undefined;
    const name = step.name?.toString() ?? (isActionStep(step) ? step.uses.value : `Run ${step.id}`);
    const record = (result: Omit<StepRunResult, 'id' | 'name'>): StepRunResult => {
      const done = { id: step.id, name, ...result };
      steps.push(done);
      stepsContext[step.id] = { outputs: done.outputs, outcome: done.outcome, conclusion: done.conclusion };
      if (done.conclusion === 'failure') failed = true;
      return done;
    };
    const kind = isRunStep(step) ? 'run' : 'action';
    const uses = isActionStep(step) ? step.uses.value : undefined;
    if (!cancelled && cancelledNow()) {
      cancelled = true;
      jobError = 'The run was cancelled';
    }
    if (!cancelled && Date.now() >= deadline) {
      cancelled = true;
      jobError = `The job has exceeded the maximum execution time of ${minutes} minutes`;
    }
    let stepEnv: Record<string, string>;
    let continueOnError: boolean;
    try {
      const s = scope(envNow());
      if (!('if' in step) || !step.if || !evaluateCondition(step.if.expression, s, whereOf(file, step.if))) {
        record({
          kind,
          uses,
          outcome: 'skipped',
          conclusion: 'skipped',
          outputs: {},
          summary: '',
          annotations: [],
          log: '',
        });
        continue;
      }
      stepEnv = { ...envNow(), ...evaluateTextMap(field(raw, 'env'), s, file) };
      const coe = field(raw, 'continue-on-error');
      continueOnError = coe ? evaluateToken(coe, s, file) === true : false;
    } catch (error) {
      record(runnerFailure(kind, uses, (error as Error).message));
      continue;
    }
    const s = scope(stepEnv);
    const stepMinutes = field(raw, 'timeout-minutes');
    const stepLimit = stepMinutes ? Number(evaluateToken(stepMinutes, s, file)) * 60_000 : Infinity;
    const timeoutMs = Math.max(1, Math.min(stepLimit, cancelled ? CLEANUP_MS : deadline - Date.now()));
    const env = { ...stepEnv, ...pathEnv() };
    let ran: Ran;
    try {
      if (isRunStep(step)) {
        ran = await runScript(ctx, step, raw, rawJob, s, env, timeoutMs);
      } else {
        const target = resolveStepUses((step as ActionStep).uses.value, {
          shipgateRoot: ctx.shipgateRoot,
          workspace: ctx.job.workspace,
          workflowFile: file,
          standIns: ctx.standIns,
        });
        const given = evaluateTextMap(field(raw, 'with'), s, file);
        if (target.kind === 'stand-in') {
          const outcome = target.standIn.run({
            with: given,
            workspace: ctx.job.workspace,
            repository: ctx.repository,
            artifactDir: ctx.artifactDir,
          });
          const job = model.id.value;
          ctx.standInUses.push({
            standIn: target.standIn.name,
            uses: uses ?? '',
            job,
            step: step.id,
            record: outcome.record,
          });
          ran = { result: ok('stand-in', uses, outcome.outputs), env: {}, path: [], timedOut: false };
        } else {
          const meta = readActionMeta(target.dir);
          const inputs = resolveInputs(meta, given, { githubToken: ctx.token });
          const options = { env, timeoutMs, onLine: log(ctx, step.id) };
          const done = await finish(ctx, startStep(ctx.job, meta.main, inputs, {}, options));
          ran = fromStep('action', uses, done, unexpectedInputs(meta, given));
          if (meta.post)
            posts.push({
              id: step.id,
              meta: { ...meta, post: meta.post },
              inputs,
              state: done.state,
              env,
              uses: uses ?? '',
            });
        }
      }
    } catch (error) {
      ran = { result: runnerFailure(kind, uses, (error as Error).message), env: {}, path: [], timedOut: false };
    }
    const result = ran.result;
    if (!cancelled && cancelledNow()) {
      cancelled = true;
      jobError = 'The run was cancelled';
      if (result.outcome === 'failure') result.outcome = result.conclusion = 'cancelled';
    } else if (ran.timedOut) {
      if (Date.now() >= deadline) {
        cancelled = true;
        jobError = `The job has exceeded the maximum execution time of ${minutes} minutes`;
        result.error = jobError;
      } else result.error = `The step has timed out after ${stepLimit / 60_000} minutes`;
    }
    if (result.outcome === 'failure' && continueOnError) result.conclusion = 'success';
    record(result);
    Object.assign(envFile, ran.env);
    pathAdds.push(...ran.path);
  }

  for (const post of posts.reverse()) {
    const s = scope(post.env);
    let result: Omit<StepRunResult, 'id' | 'name'>;
    try {
      if (!evaluateCondition(post.meta.postIf, s, `${post.meta.dir}/action.yml (post-if)`)) continue;
      const done = await startStep(ctx.job, post.meta.post, post.inputs, post.state, {
        env: post.env,
        timeoutMs: CLEANUP_MS,
        onLine: log(ctx, `post-${post.id}`),
      }).done;
      result = fromStep('post', post.uses, done, []).result;
    } catch (error) {
      result = runnerFailure('post', post.uses, (error as Error).message);
    }
    steps.push({ id: `post-${post.id}`, name: `Post ${post.id}`, ...result });
    if (result.conclusion === 'failure') failed = true;
  }

  let outputs: Record<string, string> = {};
  try {
    outputs = evaluateTextMap(model.outputs, scope(envNow()), file);
  } catch (error) {
    failed = true;
    jobError = (error as Error).message;
  }
  return {
    conclusion: jobStatus() as StepJobOutcome['conclusion'],
    steps,
    outputs,
    ...(jobError ? { error: jobError } : {}),
  };
}

/**
 * Waits for a step, cancelling it (SIGINT, SIGTERM, SIGKILL, as the runner does) if the run is cancelled while it
 * runs. A step started after the cancellation (an `always()` step, a post step) is left to finish.
 */
async function finish(ctx: StepJobContext, running: RunningStep): Promise<StepResult> {
  const signal = ctx.signal;
  if (!signal || signal.aborted) return running.done;
  const cancel = (): void => running.cancel();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    return await running.done;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

/** A step that ran: its result, what it added to GITHUB_ENV and GITHUB_PATH, and whether its guard killed it. */
interface Ran {
  result: Omit<StepRunResult, 'id' | 'name'>;
  env: Record<string, string>;
  path: string[];
  timedOut: boolean;
}

function log(ctx: StepJobContext, step: string): ((line: StepLine) => void) | undefined {
  const onLine = ctx.onLine;
  if (!onLine) return undefined;
  const prefix = `[${ctx.model.id.value}/${step}]`;
  return (line) => {
    if (line.kind === 'text') onLine(`${prefix} ${line.text}`);
    else if (line.command.command !== 'add-mask') onLine(`${prefix} ::${line.command.command}:: ${line.command.data}`);
  };
}

function ok(kind: StepRunResult['kind'], uses: string | undefined, outputs: Record<string, string>) {
  return {
    kind,
    uses,
    outcome: 'success' as const,
    conclusion: 'success' as const,
    outputs,
    summary: '',
    annotations: [],
    log: '',
  };
}

function runnerFailure(kind: StepRunResult['kind'], uses: string | undefined, message: string) {
  return {
    kind,
    uses,
    outcome: 'failure' as const,
    conclusion: 'failure' as Conclusion,
    outputs: {},
    summary: '',
    annotations: [{ level: 'error' as const, message }],
    log: '',
    error: message,
  };
}

function fromStep(
  kind: StepRunResult['kind'],
  uses: string | undefined,
  done: StepResult,
  warnings: ParsedAnnotation[],
): Ran {
  const success = done.exitCode === 0;
  const annotations = [...warnings, ...done.annotations];
  if (!success && kind === 'run')
    annotations.push({ level: 'error', message: `Process completed with exit code ${done.exitCode ?? done.signal}.` });
  const conclusion: Conclusion = success ? 'success' : 'failure';
  return {
    result: {
      kind,
      uses,
      outcome: conclusion,
      conclusion,
      outputs: done.outputs,
      summary: done.summary,
      annotations,
      log: done.log,
    },
    env: done.env,
    path: done.path,
    // startStep's guard kills with SIGKILL; nothing else here sends it.
    timedOut: done.signal === 'SIGKILL',
  };
}

/** The runner warns about inputs an action does not declare, and runs the step anyway. */
function unexpectedInputs(meta: ActionMeta, given: Record<string, string>): ParsedAnnotation[] {
  const declared = new Set(meta.inputs.map((i) => i.name));
  const unexpected = Object.keys(given).filter((name) => !declared.has(name));
  if (unexpected.length === 0) return [];
  return [
    {
      level: 'warning',
      message: `Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${[...declared].join("', '")}']`,
    },
  ];
}

// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsshell
function shellCommand(shell: string | undefined, script: string): string[] {
  switch (shell) {
    case undefined:
      return ['bash', '-e', script];
    case 'bash':
      return ['bash', '--noprofile', '--norc', '-eo', 'pipefail', script];
    case 'sh':
      return ['sh', '-e', script];
    default:
      throw new Error(`shell: ${shell} is not run locally (allowed: bash, sh)`);
  }
}

async function runScript(
  ctx: StepJobContext,
  step: RunStep,
  raw: TemplateToken | undefined,
  rawJob: TemplateToken | undefined,
  scope: Scope,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<Ran> {
  const file = ctx.workflow.file;
  const setting = (key: string): string | undefined => {
    const token =
      field(raw, key) ??
      field(field(field(rawJob, 'defaults'), 'run'), key) ??
      field(field(field(ctx.workflow.root, 'defaults'), 'run'), key);
    return token ? asText(evaluateToken(token, scope, file)) : undefined;
  };
  const script = join(ctx.job.runnerTemp, `${step.id}-${ctx.job.steps}.sh`);
  writeFileSync(script, asText(evaluateToken(step.run, scope, file)));
  const directory = setting('working-directory');
  const options = {
    command: shellCommand(setting('shell'), script),
    env,
    cwd: directory ? resolve(ctx.job.workspace, directory) : undefined,
    timeoutMs,
    onLine: log(ctx, step.id),
  };
  const done = await finish(ctx, startStep(ctx.job, script, {}, {}, options));
  return fromStep('run', undefined, done, []);
}

// A workflow run: jobs one at a time in `needs` order (file order among the ready ones), each job's `if:` with the
// status of its ancestors, a job of steps (run-job.ts) or a call of a reusable workflow with typed inputs,
// declared secrets and mapped outputs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { isJob } from '@actions/workflow-parser/model/type-guards';
import type { WorkflowJob } from '@actions/workflow-parser/model/workflow-template';
import { isMapping, isString } from '@actions/workflow-parser';
import { createJob, type JobOptions } from '../job.js';
import type { Job } from '../step.js';
import { asText, evaluateCondition, evaluateTextMap, evaluateToken, whereOf, type Scope } from './expressions.js';
import { field, readWorkflow, type ParsedWorkflow } from './parse-workflow.js';
import { joinSummaries, type JobRunResult, type StandInUse, type WorkflowRunResult } from './results.js';
import { runStepJob } from './run-job.js';
import { DEFAULT_STAND_INS, type StandIn } from './stand-ins.js';
import { resolveWorkflowUses } from './uses-target.js';
import { bindInputs, bindSecrets, callInterfaceOf } from './workflow-call.js';
import { strategyOf, type Strategy } from './matrix.js';

/** How to run a workflow locally. */
export interface WorkflowRunOptions {
  /** The Shipgate checkout that our `uses:` references resolve into (its actions' committed bundles). */
  shipgateRoot: string;
  /** Node 24, which runs the actions. */
  node: string;
  /** The repository that the `actions/checkout` stand-in copies into each job's workspace. */
  repository: string;
  /** The environment every job starts from (PATH, HOME). */
  baseEnv: Record<string, string | undefined>;
  /** The `github` context (repository, sha, ref, API URL, ...), as createJob takes it. */
  context?: JobOptions['context'];
  /** `github.event`, also written to `GITHUB_EVENT_PATH`. */
  event?: Record<string, unknown>;
  /** Inputs of the workflow (checked against `on.workflow_call.inputs` when it declares them). */
  inputs?: Record<string, unknown>;
  /** The repository's secrets (a `workflow_call` workflow receives only the ones it declares). */
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  /** The job token: `github.token`, `secrets.GITHUB_TOKEN`, and `${{ github.token }}` in action defaults. */
  token?: string;
  /** Stand-ins for actions that are not ours, by name; {@link DEFAULT_STAND_INS} when not given. */
  standIns?: ReadonlyMap<string, StandIn>;
  /** Receives every line the steps print (masked), prefixed with `[job/step]`. */
  onLine?: (text: string) => void;
  /**
   * Cancels the run as GitHub does: the running step gets SIGINT (then SIGTERM, SIGKILL), its job and every job
   * after it see `cancelled()`, and only steps and jobs whose `if:` allows it (`always()`, `cancelled()`) still run.
   */
  signal?: AbortSignal;
}

/** A finished run and the folders it leaves (job workspaces, artifacts) until {@link removeWorkflowRun}. */
export interface LocalWorkflowRun extends WorkflowRunResult {
  /** Each job's folder by `job` or `caller/job`: its workspace and RUNNER_TEMP (reports live there). */
  jobDirs: Record<string, string>;
  artifactDir: string;
}

interface Shared {
  options: WorkflowRunOptions;
  artifactDir: string;
  standIns: ReadonlyMap<string, StandIn>;
  standInUses: StandInUse[];
  jobDirs: Record<string, string>;
}

/**
 * Runs a workflow file job by job and step by step. Throws a `WorkflowParseError` for a file GitHub would refuse,
 * and a `WorkflowCallError` when its inputs or secrets do not match `on.workflow_call`; everything that goes wrong
 * while running (an expression, an unknown action, a failing step) is a failed step or job in the result.
 */
export async function runWorkflow(file: string, options: WorkflowRunOptions): Promise<LocalWorkflowRun> {
  const workflow = await readWorkflow(file);
  const shared: Shared = {
    options,
    artifactDir: mkdtempSync(join(tmpdir(), 'shipgate-artifacts-')),
    standIns: options.standIns ?? DEFAULT_STAND_INS,
    standInUses: [],
    jobDirs: {},
  };
  const call = callInterfaceOf(workflow);
  const secrets = { ...options.secrets };
  let inputs: Record<string, unknown> = { ...options.inputs };
  if (call) {
    const github = githubContext(options, undefined, '');
    inputs = bindInputs(call, inputs, workflow, { contexts: { github }, status: allGood });
    bindSecrets(call, secrets, workflow);
  }
  const result = await runJobs(workflow, inputs, secrets, shared, { prefix: '', permissions: null });
  return { ...result, jobDirs: shared.jobDirs, artifactDir: shared.artifactDir };
}

/** Deletes the folders a run left: every job's folder and the artifacts. */
export function removeWorkflowRun(run: LocalWorkflowRun): void {
  for (const dir of [...Object.values(run.jobDirs), run.artifactDir]) rmSync(dir, { recursive: true, force: true });
}

const allGood = { success: true, failure: false, cancelled: false };

/** Where a workflow runs: the path of its caller's job (`deploy/`), and the permissions the calling job grants. */
interface Caller {
  prefix: string;
  permissions: unknown;
}

async function runJobs(
  workflow: ParsedWorkflow,
  inputs: Record<string, unknown>,
  secrets: Record<string, string>,
  shared: Shared,
  caller: Caller,
): Promise<WorkflowRunResult> {
  const standInsBefore = shared.standInUses.length;
  const results = new Map<string, JobRunResult>();
  const pending = [...workflow.template.jobs];
  const needsOf = (job: WorkflowJob): string[] => (job.needs ?? []).map((n) => n.value);
  while (pending.length > 0) {
    const index = pending.findIndex((job) => needsOf(job).every((n) => results.has(n)));
    // The converter refuses cycles and unknown needs, so some job is always ready.
    const [job] = pending.splice(index === -1 ? 0 : index, 1);
    if (!job) break;
    const result = await runOneJob(workflow, job, inputs, secrets, results, shared, caller);
    results.set(job.id.value, result);
  }
  const jobs = [...results.values()];
  const jobsContext = Object.fromEntries(jobs.map((j) => [j.id, { result: j.conclusion, outputs: j.outputs }]));
  const outputs: Record<string, string> = {};
  const call = callInterfaceOf(workflow);
  let conclusion: WorkflowRunResult['conclusion'] = jobs.some((j) => j.conclusion === 'failure')
    ? 'failure'
    : jobs.some((j) => j.conclusion === 'cancelled')
      ? 'cancelled'
      : 'success';
  for (const [name, token] of call?.outputs ?? []) {
    try {
      outputs[name] = String(
        evaluateToken(token, { contexts: { jobs: jobsContext, inputs }, status: allGood }, workflow.file) ?? '',
      );
    } catch (error) {
      conclusion = 'failure';
      jobs.at(-1)?.annotations.push({ level: 'error', message: (error as Error).message });
    }
  }
  return {
    file: workflow.file,
    conclusion,
    jobs,
    outputs,
    summary: joinSummaries(jobs.map((j) => j.summary)),
    standIns: shared.standInUses.slice(standInsBefore),
  };
}

/** The transitive `needs` of a job. */
function ancestorsOf(workflow: ParsedWorkflow, id: string, seen = new Set<string>()): Set<string> {
  const job = workflow.template.jobs.find((j) => j.id.value === id);
  for (const need of job?.needs ?? []) {
    if (seen.has(need.value)) continue;
    seen.add(need.value);
    ancestorsOf(workflow, need.value, seen);
  }
  return seen;
}

async function runOneJob(
  workflow: ParsedWorkflow,
  model: WorkflowJob,
  inputs: Record<string, unknown>,
  secrets: Record<string, string>,
  results: Map<string, JobRunResult>,
  shared: Shared,
  caller: Caller,
): Promise<JobRunResult> {
  const { options } = shared;
  const id = model.id.value;
  const rawJob = field(field(workflow.root, 'jobs'), id);
  const token = options.token ?? '';
  const ancestors = [...ancestorsOf(workflow, id)].map((a) => results.get(a)?.conclusion);
  const runCancelled = options.signal?.aborted === true;
  const status = {
    success: ancestors.every((c) => c === 'success') && !runCancelled,
    failure: ancestors.includes('failure'),
    cancelled: ancestors.includes('cancelled') || runCancelled,
  };
  const needs = Object.fromEntries(
    (model.needs ?? []).map((n) => {
      const need = results.get(n.value);
      return [n.value, { result: need?.conclusion, outputs: need?.outputs ?? {} }];
    }),
  );
  const contexts: Scope['contexts'] = {
    github: githubContext(options, undefined, id),
    inputs,
    secrets: { GITHUB_TOKEN: token, ...secrets },
    vars: options.vars ?? {},
    needs,
    strategy: {},
    matrix: {},
  };
  // A called workflow's job without `permissions` (its workflow without them too) gets what the calling job grants.
  const declared = field(rawJob, 'permissions') ?? field(workflow.root, 'permissions');
  const permissions = declared ? literal(declared) : caller.permissions;
  const base = { id, name: id, outputs: {}, steps: [], summary: '', annotations: [], permissions };
  const scope: Scope = { contexts, status };
  let strategy: Strategy | undefined;
  try {
    if (!evaluateCondition(model.if.expression, scope, whereOf(workflow.file, model.if)))
      return { ...base, name: nameOf(model, contexts, workflow.file), conclusion: 'skipped' };
    const strategyToken = field(rawJob, 'strategy');
    if (strategyToken)
      strategy = strategyOf(evaluateToken(strategyToken, scope, workflow.file), whereOf(workflow.file, strategyToken));
  } catch (error) {
    return failed({ ...base, name: nameOf(model, contexts, workflow.file) }, (error as Error).message);
  }
  const instance = { workflow, model, rawJob, secrets, shared, caller, status, permissions };
  if (!strategy) return runInstance(instance, contexts, id);
  // One combination at a time (max-parallel: 1); fail-fast stops the rest after a failure, as GitHub cancels them.
  const runs: JobRunResult[] = [];
  const total = strategy.combinations.length;
  for (const [index, matrix] of strategy.combinations.entries()) {
    const strategyContext = { 'fail-fast': strategy.failFast, 'job-index': index, 'job-total': total };
    runs.push(await runInstance(instance, { ...contexts, matrix, strategy: strategyContext }, `${id}/${index}`));
    if (strategy.failFast && runs.at(-1)?.conclusion === 'failure') break;
  }
  const conclusion = runs.some((r) => r.conclusion === 'failure')
    ? 'failure'
    : runs.some((r) => r.conclusion === 'cancelled')
      ? 'cancelled'
      : runs.every((r) => r.conclusion === 'skipped')
        ? 'skipped'
        : 'success';
  return {
    ...base,
    conclusion,
    // As on GitHub, each combination may set the job's outputs; the last one to set a value wins.
    outputs: Object.assign({}, ...runs.map((r) => r.outputs)) as Record<string, string>,
    summary: joinSummaries(runs.map((r) => r.summary)),
    annotations: runs.flatMap((r) => r.annotations),
    matrix: runs,
  };
}

interface Instance {
  workflow: ParsedWorkflow;
  model: WorkflowJob;
  rawJob: ReturnType<typeof field>;
  secrets: Record<string, string>;
  shared: Shared;
  caller: Caller;
  status: Scope['status'];
  permissions: unknown;
}

/** Runs one job (or one combination of a matrix job) in a job folder of its own. */
async function runInstance(instance: Instance, outer: Scope['contexts'], key: string): Promise<JobRunResult> {
  const { workflow, model, rawJob, secrets, shared, caller, status, permissions } = instance;
  const { options } = shared;
  const id = model.id.value;
  const token = options.token ?? '';
  const job = createJob({
    node: options.node,
    baseEnv: options.baseEnv,
    context: options.context,
    secrets: [token, ...Object.values(secrets)],
  });
  shared.jobDirs[`${caller.prefix}${key}`] = job.root;
  job.env.GITHUB_JOB = id;
  if (options.event) writeFileSync(job.env.GITHUB_EVENT_PATH ?? '', JSON.stringify(options.event));
  const contexts: Scope['contexts'] = {
    ...outer,
    github: githubContext(options, job, id),
    runner: {
      os: 'Linux',
      arch: 'X64',
      name: 'shipgate-local',
      environment: 'github-hosted',
      temp: job.runnerTemp,
      tool_cache: job.env.RUNNER_TOOL_CACHE,
    },
  };
  const scope: Scope = { contexts, status };
  const base = {
    id,
    name: nameOf(model, contexts, workflow.file),
    outputs: {},
    steps: [],
    summary: '',
    annotations: [],
    permissions,
  };
  let environment: JobRunResult['environment'];
  try {
    environment = environmentOf(field(rawJob, 'environment'), scope, workflow.file);
  } catch (error) {
    return failed(base, (error as Error).message);
  }
  const withEnvironment = environment ? { ...base, environment } : base;
  if (!isJob(model)) {
    try {
      const ref = model.ref.value;
      const called = await readWorkflow(resolveWorkflowUses(ref, workflow.file, options.shipgateRoot));
      const call = callInterfaceOf(called);
      if (!call) throw new Error(`${called.file} does not declare on: workflow_call`);
      const given = literalOrEvaluated(field(rawJob, 'with'), scope, workflow.file);
      const secretsToken = field(rawJob, 'secrets');
      const passed =
        secretsToken && isString(secretsToken) && secretsToken.value === 'inherit'
          ? secrets
          : evaluateTextMap(secretsToken, scope, workflow.file);
      const calledInputs = bindInputs(call, given, called, { contexts: { github: contexts.github }, status: allGood });
      const calledSecrets = bindSecrets(call, passed, called);
      const run = await runJobs(called, calledInputs, calledSecrets, shared, {
        prefix: `${caller.prefix}${key}/`,
        permissions,
      });
      return {
        ...withEnvironment,
        conclusion: run.conclusion,
        outputs: run.outputs,
        summary: run.summary,
        annotations: run.jobs.flatMap((j) => j.annotations),
        workflow: run,
      };
    } catch (error) {
      return failed(withEnvironment, (error as Error).message);
    }
  }
  const outcome = await runStepJob({
    workflow,
    model,
    job,
    contexts,
    token,
    shipgateRoot: options.shipgateRoot,
    repository: options.repository,
    artifactDir: shared.artifactDir,
    standIns: shared.standIns,
    standInUses: shared.standInUses,
    onLine: options.onLine,
    signal: options.signal,
  });
  return {
    ...withEnvironment,
    conclusion: outcome.conclusion,
    outputs: outcome.outputs,
    steps: outcome.steps,
    summary: joinSummaries(outcome.steps.map((s) => s.summary)),
    annotations: [
      ...outcome.steps.flatMap((s) => s.annotations),
      ...(outcome.error ? [{ level: 'error' as const, message: outcome.error }] : []),
    ],
    ...(outcome.error ? { error: outcome.error } : {}),
  };
}

/** The job's `name:`, its expressions evaluated (`Rollback ${{ inputs.environment }}`), or its id. */
function nameOf(model: WorkflowJob, contexts: Scope['contexts'], file: string): string {
  if (!model.name) return model.id.value;
  try {
    return asText(evaluateToken(model.name, { contexts, status: allGood }, file));
  } catch {
    // A name that cannot be evaluated is shown as written; the job itself reports the expression error.
    return model.name.toString();
  }
}

function failed(base: Omit<JobRunResult, 'conclusion'>, message: string): JobRunResult {
  return { ...base, conclusion: 'failure', error: message, annotations: [{ level: 'error', message }] };
}

function literal(token: ReturnType<typeof field>): unknown {
  return token ? evaluateToken(token, { contexts: {}, status: allGood }, '') : null;
}

function literalOrEvaluated(token: ReturnType<typeof field>, scope: Scope, file: string): Record<string, unknown> {
  if (!token) return {};
  const value = evaluateToken(token, scope, file);
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function environmentOf(token: ReturnType<typeof field>, scope: Scope, file: string): JobRunResult['environment'] {
  if (!token) return undefined;
  if (!isMapping(token)) return { name: String(evaluateToken(token, scope, file)) };
  const value = evaluateToken(token, scope, file) as { name?: unknown; url?: unknown };
  return { name: String(value.name ?? ''), ...(value.url ? { url: String(value.url) } : {}) };
}

function githubContext(options: WorkflowRunOptions, job: Job | undefined, id: string): Record<string, unknown> {
  const env = job?.env ?? {};
  const repository = options.context?.repository ?? '';
  const ref = env.GITHUB_REF ?? options.context?.ref ?? 'refs/heads/main';
  return {
    repository,
    repository_owner: repository.split('/')[0] ?? '',
    sha: env.GITHUB_SHA ?? options.context?.sha ?? '',
    ref,
    ref_name: ref.replace(/^refs\/(heads|tags)\//, ''),
    actor: env.GITHUB_ACTOR ?? options.context?.actor ?? '',
    event_name: env.GITHUB_EVENT_NAME ?? options.context?.eventName ?? 'push',
    event: options.event ?? {},
    run_id: env.GITHUB_RUN_ID ?? options.context?.runId ?? '',
    run_attempt: '1',
    server_url: env.GITHUB_SERVER_URL ?? options.context?.serverUrl ?? 'https://github.com',
    api_url: env.GITHUB_API_URL ?? options.context?.apiUrl ?? 'https://api.github.com',
    workspace: job?.workspace ?? '',
    token: options.token ?? '',
    job: id,
    workflow: basename(options.repository),
  };
}

// The local workflow runner on small workflows (test/fixtures/workflow-runs): real bash steps, a real JavaScript
// action with a post step, the stand-ins, and a reusable workflow call. Stand-ins used here: actions/checkout,
// github/codeql-action/upload-sarif, actions/upload-artifact, actions/download-artifact (each run prints its list).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobOf, stepOf, WorkflowCallError, WorkflowParseError } from '@shipgate/local-runner/workflow';
import { repoRoot } from '../support/paths.js';
import { pollUntil } from '../support/poll.js';
import { runWorkflowFile } from '../support/run-workflow.js';

const FIXTURES = join(repoRoot, 'test', 'fixtures', 'workflow-runs');
const workflow = (name: string): string => join(FIXTURES, '.github', 'workflows', name);
const repository = join(FIXTURES, 'repo');

describe('runWorkflow: jobs', () => {
  it('runs jobs in needs order whatever the file order, passing outputs through needs', async () => {
    const run = await runWorkflowFile(workflow('ordering.yml'), { repository });
    expect(run.conclusion).toBe('success');
    expect(run.jobs.map((j) => j.id)).toEqual(['a', 'b', 'c']);
    expect(jobOf(run, 'c').outputs).toEqual({ value: 'a+aa' });
    expect(jobOf(run, 'b')).toMatchObject({
      environment: { name: 'staging', url: 'https://staging.example.test' },
      permissions: { deployments: 'write' },
    });
    expect(jobOf(run, 'a').permissions).toEqual({ contents: 'read' });
  });

  it('skips what follows a failure unless if: says otherwise; continue-on-error keeps the job going', async () => {
    const run = await runWorkflowFile(workflow('failure-paths.yml'), { repository });
    expect(run.conclusion).toBe('failure');
    const build = jobOf(run, 'build');
    expect(build.conclusion).toBe('failure');
    expect(build.steps.map((s) => [s.id, s.outcome, s.conclusion])).toEqual([
      ['tolerated', 'failure', 'success'],
      ['after-tolerated', 'success', 'success'],
      ['breaks', 'failure', 'failure'],
      ['skipped', 'skipped', 'skipped'],
      ['on-failure', 'success', 'success'],
      ['always', 'success', 'success'],
    ]);
    expect(stepOf(build, 'after-tolerated').outputs).toEqual({ tolerated: 'failure/success' });
    expect(stepOf(build, 'always').outputs).toEqual({ status: 'failure' });
    expect(build.annotations).toContainEqual({ level: 'error', message: 'broken build', file: 'src/app.ts', line: 3 });
    expect(build.annotations).toContainEqual({ level: 'error', message: 'Process completed with exit code 3.' });
    expect(jobOf(run, 'deploy').conclusion).toBe('skipped');
    expect(jobOf(run, 'cleanup').conclusion).toBe('success');
    expect(jobOf(run, 'report').outputs).toEqual({ seen: 'skipped,success' });
  });
});

describe('runWorkflow: matrices', () => {
  it('runs each combination of a simple matrix in turn, stops after a failure (fail-fast), and refuses include', async () => {
    const run = await runWorkflowFile(workflow('matrix.yml'), { repository });
    const each = jobOf(run, 'each');
    expect(each.matrix?.map((j) => [j.name, j.conclusion])).toEqual([
      ['Each a', 'success'],
      ['Each b', 'failure'],
    ]);
    expect(each).toMatchObject({ conclusion: 'failure', outputs: { seen: 'b-small-1/3' } });
    expect(jobOf(run, 'refused').error).toMatch(
      /matrix\.yml:30:7: strategy matrix\.include is not run locally: list the values instead$/,
    );
  });
});

describe('runWorkflow: steps', () => {
  it('gives run steps GITHUB_OUTPUT/ENV/PATH/STEP_SUMMARY, env by level, working-directory and pipefail', async () => {
    const run = await runWorkflowFile(workflow('run-steps.yml'), {
      repository,
      secrets: { API_KEY: 'key-4f9a1c77e2' },
    });
    const job = jobOf(run, 'steps');
    expect(stepOf(job, 'later').outputs).toEqual({
      dir: 'sub',
      level: 'step workflow=from-workflow env-file=set-by-step',
      tool: 'tool-ran',
      repo: 'hello from the repository',
    });
    expect(stepOf(job, 'later').log).toContain('secret is ***');
    expect(stepOf(job, 'later').log).not.toContain('key-4f9a1c77e2');
    expect(stepOf(job, 'pipefail')).toMatchObject({ outcome: 'failure', conclusion: 'success' });
    expect(job.outputs).toEqual({ multi: 'line one\nline two', second: 'first! then second?' });
    expect(job.annotations).toContainEqual({ level: 'warning', title: 'Heads up', message: 'careful' });
    expect(run.summary).toBe('## Files step\nnote: first!\nnote: first! then second?\n');
    expect(run.conclusion).toBe('success');
  });

  it('runs a JavaScript action with with: inputs and action.yml defaults, and its post steps in reverse order', async () => {
    const run = await runWorkflowFile(workflow('run-steps.yml'), {
      repository,
      secrets: { API_KEY: 'key-0b8e2d4c61' },
    });
    const job = jobOf(run, 'steps');
    expect(stepOf(job, 'first-note')).toMatchObject({ kind: 'action', outputs: { said: 'first!' } });
    expect(stepOf(job, 'first-note').log).toContain('main of first! (NOTE_ENV=from-step-env)');
    expect(job.steps.slice(-2).map((s) => [s.id, s.kind, s.log.trim()])).toEqual([
      ['post-second-note', 'post', 'post of first! then second?'],
      ['post-first-note', 'post', 'post of first!'],
    ]);
    expect(run.standIns.map((s) => [s.standIn, s.job])).toEqual([['actions/checkout', 'steps']]);
  });

  it('stands in for upload-sarif and the artifact actions, and refuses an action that is neither ours nor a stand-in', async () => {
    const run = await runWorkflowFile(workflow('artifacts.yml'), { repository });
    expect(jobOf(run, 'scan').conclusion).toBe('success');
    expect(run.standIns.map((s) => s.standIn)).toEqual([
      'github/codeql-action/upload-sarif',
      'actions/upload-artifact',
      'actions/download-artifact',
    ]);
    expect(run.standIns[0]?.record).toMatchObject({ category: 'demo', runs: [{ tool: 'demo', results: 1 }] });
    expect(run.standIns[1]?.record).toEqual({ name: 'reports', files: ['report.txt', 'scan.sarif'] });
    expect(readFileSync(join(run.artifactDir, 'reports', 'report.txt'), 'utf8')).toBe('report\n');
    const read = jobOf(run, 'read');
    expect(read.outputs).toEqual({ report: 'report' });
    expect(read.conclusion).toBe('failure');
    expect(read.steps.at(-1)?.error).toMatch(
      /^uses: actions\/cache@\S+: not one of our actions and no stand-in for 'actions\/cache' \(stand-ins: actions\/checkout, /,
    );
  });
});

describe('runWorkflow: cancellation', () => {
  it('cancels the running step, runs cancelled() steps and post steps, and only always() jobs after it', async () => {
    const controller = new AbortController();
    const lines: string[] = [];
    const running = runWorkflowFile(workflow('cancel.yml'), {
      repository,
      signal: controller.signal,
      onLine: (line) => lines.push(line),
    });
    await pollUntil(() => lines.includes('[work/long] long step started') || undefined, {
      timeoutMs: 60_000,
      description: 'the long step to start',
    });
    controller.abort();
    const run = await running;
    expect(run.conclusion).toBe('cancelled');
    const work = jobOf(run, 'work');
    expect(work).toMatchObject({ conclusion: 'cancelled', error: 'The run was cancelled' });
    expect(work.steps.map((s) => [s.id, s.conclusion])).toEqual([
      ['__actions_checkout', 'success'],
      ['note', 'success'],
      ['long', 'cancelled'],
      ['next', 'skipped'],
      ['on-cancel', 'success'],
      ['post-note', 'success'],
    ]);
    expect(stepOf(work, 'long').log).toContain('got SIGINT');
    expect(jobOf(run, 'after').outputs).toEqual({ work: 'cancelled' });
    expect(jobOf(run, 'normal').conclusion).toBe('skipped');
  });
});

describe('runWorkflow: reusable workflows', () => {
  it('calls a workflow with typed inputs, defaults and declared secrets, and maps its outputs', async () => {
    const run = await runWorkflowFile(workflow('caller.yml'), {
      repository,
      secrets: { DEPLOY_KEY: 'deploy-key-0123456789', OTHER: 'not passed' },
    });
    expect(run.conclusion).toBe('success');
    const call = jobOf(run, 'call');
    expect(call.permissions).toEqual({ contents: 'read', deployments: 'write' });
    // The called workflow declares no permissions: its job gets what the calling job grants.
    expect(jobOf(run, 'call', 'deploy').permissions).toEqual(call.permissions);
    expect(call.outputs).toEqual({
      summary: 'shop canary=false replicas=3 region=eu-octo-org key-length=21 optional=[] types=true',
      result: 'success',
    });
    expect(stepOf(jobOf(run, 'call', 'deploy'), 'deploy').log).toContain('deploying with ***');
    expect(jobOf(run, 'after').outputs.got).toBe(`${call.outputs.summary} (success)`);
    expect(run.summary).toBe('Deployed shop\n');
  });

  it('refuses an undeclared input, a wrongly typed one, a missing required one and an undeclared secret', async () => {
    await expect(
      runWorkflowFile(workflow('called.yml'), {
        repository,
        inputs: { service: 'shop', canary: 'yes', extra: '1' },
        secrets: { 'deploy-key': 'k', OTHER: 'x' },
      }),
    ).rejects.toThrow(WorkflowCallError);
    await expect(
      runWorkflowFile(workflow('called.yml'), { repository, inputs: { canary: 'yes', extra: '1' } }),
    ).rejects.toThrow(
      /called\.yml: input 'extra' is not declared \(declared: service, canary, replicas, region\); input 'service' is required; input 'canary' is boolean, got "yes"$/,
    );
    await expect(
      runWorkflowFile(workflow('called.yml'), { repository, inputs: { service: 'shop' }, secrets: { OTHER: 'x' } }),
    ).rejects.toThrow(
      /secret 'OTHER' is not declared \(declared: deploy-key, optional-key\); secret 'deploy-key' is required/,
    );
  });
});

describe('runWorkflow: expressions and parse errors', () => {
  it('refuses a file GitHub would refuse, with each error at file:line:column', async () => {
    const error = await runWorkflowFile(workflow('invalid.yml'), { repository }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowParseError);
    const errors = (error as WorkflowParseError).errors;
    expect(errors).toContainEqual(
      expect.stringMatching(/invalid\.yml:7:20: Unrecognized named-value: 'nosuchcontext'/),
    );
    expect(errors).toContainEqual(expect.stringMatching(/invalid\.yml:9:9: Unexpected value 'bogus-key'/));
  });

  it('fails the step whose expression cannot be evaluated, saying where, and refuses hashFiles()', async () => {
    const run = await runWorkflowFile(workflow('runtime-errors.yml'), { repository });
    const job = jobOf(run, 'evaluate');
    expect(job.conclusion).toBe('failure');
    expect(stepOf(job, 'bad-json').error).toMatch(/runtime-errors\.yml:9:18: \$\{\{ fromJSON\('not json'\) \}\}: /);
    expect(stepOf(job, 'hashes').error).toMatch(/hashFiles\(\) is not supported by the local runner/);
  });
});

// `npm run demo`, part 2: .github/workflows/deploy.yml run twice through the local workflow runner
// (@shipgate/local-runner/workflow), against real nginx (a stable v1 and a candidate v2 of the test app behind it)
// and the GitHub API emulator, with the committed bundles of our actions. The stage, the repository and the run are
// the deploy test's own fixtures (test/workflows/deploy-setup.ts). Run by examples/demo/run.js through Vitest
// (GitHub's workflow parser loads only through a bundler) with vitest.demo.config.ts.
import { expect, it } from 'vitest';
import { jobOf, type LocalWorkflowRun } from '@shipgate/local-runner/workflow';
import { underLoad } from '../../test/actions/canary-setup.js';
import { deploy, deployFixture, type DeployFixture } from '../../test/workflows/deploy-setup.js';

const RULE = '═'.repeat(100);

/** Prints a run as the demo shows it: the jobs and their conclusions, then the combined job summary. */
function show(run: LocalWorkflowRun): void {
  const width = Math.max(...run.jobs.map((j) => j.id.length));
  const jobs = run.jobs.map((j) => `  ${j.id.padEnd(width)}  ${j.conclusion}`);
  const outputs = Object.entries(run.outputs).map(([name, value]) => `  ${name}: ${value}`);
  console.log(
    [
      `Workflow run: ${run.conclusion}. Jobs:`,
      ...jobs,
      'Workflow outputs:',
      ...outputs,
      `Stand-ins (actions that are not ours): ${[...new Set(run.standIns.map((s) => s.standIn))].join(', ') || 'none'}`,
      '',
      '──── Job summary (the text GitHub shows on the run page) ────',
      '',
      run.summary.trim() || '(none)',
      '',
    ].join('\n'),
  );
}

/** What serves through nginx once the run has ended: the demo's own check, not the workflow's. */
async function showServing(fixture: DeployFixture, count = 10): Promise<Record<string, number>> {
  const serving = await fixture.stage.versionsServing(count);
  const text = Object.entries(serving).map(([version, n]) => `${version} (${n} of ${count} requests)`);
  console.log(`After the run, nginx at ${fixture.stage.url} serves: ${text.join(', ')}\n`);
  return serving;
}

function header(title: string, lines: string[]): void {
  console.log([RULE, title, RULE, ...lines, ''].join('\n'));
}

it('deploys a good release: preflight, approval, every canary stage, promoted and verified', async () => {
  const fixture = await deployFixture({ errorRate: 0.001 });
  header('deploy.yml, run 1 of 2: v2 is a good release (0.1% errors, as v1) (expect: promoted)', [
    `carol starts deploy.yml for v2 to production; v1 serves through nginx at ${fixture.stage.url} under steady load.`,
    'preflight checks the repository; approval-gate posts a request; alice, an approver, answers `approve` on it',
    "through the emulator's API, as a person would; canary-deploy moves 25%, 50%, 100% judging nginx's access log;",
    'synthetic-probes verifies the promoted release.',
  ]);
  const { result: run } = await underLoad(fixture.stage.url, 60, () => deploy(fixture, 'approve', undefined, show));
  expect(run.outputs).toMatchObject({ result: 'promoted', 'serving-version': 'v2' });
  expect(jobOf(run, 'deploy').outputs).toMatchObject({ result: 'promoted', verified: 'pass' });
  expect(await showServing(fixture)).toEqual({ v2: 10 });
});

it('deploys a bad release: rolled back at its first stage, the serving version verified', async () => {
  const fixture = await deployFixture({ errorRate: 0.2 });
  header('deploy.yml, run 2 of 2: v2 is a bad release (20% errors) (expect: rolled back)', [
    `carol starts deploy.yml for v2 to production; v1 serves through nginx at ${fixture.stage.url} under steady load.`,
    "Same path: preflight, alice answers `approve`, canary-deploy's first stage (25%) sees the errors and rolls",
    'back; the rollback job finds v1 serving and verifies it with the same probes.',
  ]);
  const { result: run } = await underLoad(fixture.stage.url, 60, () => deploy(fixture, 'approve', undefined, show));
  expect(run.outputs).toMatchObject({ result: 'rolled-back', 'serving-version': 'v1' });
  expect(jobOf(run, 'deploy').outputs.reason).toMatch(/^Stage 1 \(25%\)/);
  expect(jobOf(run, 'rollback').outputs).toMatchObject({ 'to-version': 'v1', verified: 'true' });
  expect(await showServing(fixture)).toEqual({ v1: 10 });
});

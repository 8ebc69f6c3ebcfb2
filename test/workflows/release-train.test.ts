// release-train.yml through the local workflow runner: two services, each behind its own real nginx, promoted in
// dependency order through deploy.yml (no approvers configured, so the gate asks no one), and rolled back in
// reverse order when one fails. Stand-ins used (each run prints its list): actions/checkout, actions/upload-artifact.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobOf } from '@shipgate/local-runner/workflow';
import { startCanaryStage, underLoad } from '../actions/canary-setup.js';
import { workspaceWith } from '../actions/probes-workspace.js';
import { repoRoot } from '../support/paths.js';
import { runWorkflowFile } from '../support/run-workflow.js';
import { environmentSections, seedServing } from './deploy-setup.js';

const TRAIN = join(repoRoot, '.github', 'workflows', 'release-train.yml');

describe('release-train.yml through the local runner', () => {
  it('promotes db before the api that depends on it, and rolls db back when the api fails', async () => {
    const db = await startCanaryStage({ stable: { errorRate: 0.001 }, canary: { errorRate: 0.001 } });
    const api = await startCanaryStage({ stable: { errorRate: 0.001 }, canary: { errorRate: 0.2 } });
    const github = db.github; // one API for both services; api's own emulator stays unused
    seedServing(github, 'db-production', db);
    seedServing(github, 'api-production', api);
    const config = [
      'version: 1',
      'environments:',
      '  db-production:',
      ...environmentSections(db),
      '  api-production:',
      ...environmentSections(api),
      '',
    ].join('\n');
    const services = JSON.stringify([
      { name: 'api', environment: 'api-production', version: 'v2', 'depends-on': ['db'] },
      { name: 'db', environment: 'db-production', version: 'v2' },
    ]);
    const { result: run } = await underLoad(
      db.url,
      40,
      async () =>
        (
          await underLoad(api.url, 40, () =>
            runWorkflowFile(TRAIN, {
              repository: workspaceWith({ '.github/shipgate.yml': config }),
              token: github.token,
              context: { repository: 'octo-org/octo-repo', apiUrl: github.url },
              inputs: { services },
            }),
          )
        ).result,
    );
    expect(run.outputs).toEqual({ order: '["db","api"]', result: 'rolled-back' });
    const deploys = jobOf(run, 'deploy').matrix ?? [];
    expect(deploys.map((d) => [d.name, d.conclusion, d.outputs.result])).toEqual([
      ['Deploy db', 'success', 'promoted'],
      ['Deploy api', 'failure', 'rolled-back'],
    ]);
    const rollbacks = jobOf(run, 'rollback').matrix ?? [];
    expect(rollbacks.map((r) => [r.name, r.outputs.result])).toEqual([
      ['Roll back api', 'noop'],
      ['Roll back db', 'rolled-back'],
    ]);
    expect(await db.versionsServing(10)).toEqual({ v1: 10 });
    expect(await api.versionsServing(10)).toEqual({ v1: 10 });
  });

  it('refuses a list with a cycle, an unknown key or two services in one environment, before anything deploys', async () => {
    const cases: [unknown[], string][] = [
      [
        [
          { name: 'a', environment: 'a-prod', version: 'v2', 'depends-on': ['b'] },
          { name: 'b', environment: 'b-prod', version: 'v2', 'depends-on': ['a'] },
        ],
        'the dependencies form a cycle: a -> b -> a.',
      ],
      [[{ name: 'a', environment: 'a-prod', version: 'v2', image: 'x' }], "service 1 has the key 'image'"],
      [
        [
          { name: 'a', environment: 'prod', version: 'v2' },
          { name: 'b', environment: 'prod', version: 'v2' },
        ],
        "the environment 'prod' is used by two services; give each its own.",
      ],
    ];
    for (const [list, message] of cases) {
      const run = await runWorkflowFile(TRAIN, {
        repository: workspaceWith({}),
        context: { repository: 'octo-org/octo-repo' },
        inputs: { services: JSON.stringify(list) },
      });
      expect(jobOf(run, 'plan').conclusion).toBe('failure');
      expect(jobOf(run, 'deploy').conclusion).toBe('skipped');
      expect(jobOf(run, 'rollback').conclusion).toBe('skipped');
      expect(run.outputs.result).toBe('failed');
      expect(
        jobOf(run, 'plan')
          .steps.map((step) => step.log)
          .join('\n'),
      ).toContain(message);
    }
  });
});

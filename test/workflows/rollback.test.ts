// rollback.yml, the reusable workflow, run through the local workflow runner against real nginx (v2 serving after a
// promotion, v1 still running) and the GitHub API emulator's deployment history. Stand-ins used (each run prints
// its list): actions/checkout copies the test repository; actions/upload-artifact keeps the report.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobOf } from '@shipgate/local-runner/workflow';
import { workspaceWith } from '../actions/probes-workspace.js';
import { promotedV2 } from '../actions/rollback-setup.js';
import { repoRoot } from '../support/paths.js';
import { runWorkflowFile } from '../support/run-workflow.js';

const ROLLBACK = join(repoRoot, '.github', 'workflows', 'rollback.yml');

describe('rollback.yml through the local runner', () => {
  it('returns production to v1, verifies it, and keeps the report', async () => {
    const setup = await promotedV2();
    const i = setup.inputs;
    const config = [
      'version: 1',
      'environments:',
      '  production:',
      '    rollback:',
      '      provider: nginx',
      '      nginx-upstream: shipgate_app',
      `      nginx-upstream-file: ${i['nginx-upstream-file']}`,
      `      nginx-test-command: ${JSON.stringify(i['nginx-test-command'])}`,
      `      nginx-reload-command: ${JSON.stringify(i['nginx-reload-command'])}`,
      `      nginx-pid-file: ${i['nginx-pid-file']}`,
      '',
    ].join('\n');
    const verify = `probes:\n  - {name: home, critical: true, url: "${setup.url}", expect: {json: [{path: $.version, equals: v1}]}}\n`;
    const run = await runWorkflowFile(ROLLBACK, {
      repository: workspaceWith({ '.github/shipgate.yml': config, '.github/verify.yml': verify }),
      token: setup.github.token,
      context: { repository: 'octo-org/octo-repo', apiUrl: setup.github.url },
      inputs: {
        environment: 'production',
        'allowed-targets': i['allowed-targets'],
        'verify-probes': '.github/verify.yml',
        'base-url': setup.url,
      },
    });
    expect(run.conclusion).toBe('success');
    expect(run.outputs).toEqual({ result: 'rolled-back', 'from-version': 'v2', 'to-version': 'v1', verified: 'true' });
    expect(jobOf(run, 'rollback')).toMatchObject({
      name: 'Rollback production',
      permissions: { contents: 'read', deployments: 'write' },
    });
    expect(await setup.serving(10)).toEqual({ v1: 10 });
    expect(run.standIns.map((s) => s.standIn)).toEqual(['actions/checkout', 'actions/upload-artifact']);
    expect(run.standIns[1]?.record).toMatchObject({ name: 'shipgate-rollback-report-production' });
  });
});

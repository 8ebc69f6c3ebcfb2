// A tiny workflow running the committed synthetic-probes bundle (as octo-org/shipgate/actions/...@v1) through the
// local workflow runner against a real HTTP server. Stand-ins used: actions/checkout, actions/upload-artifact.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobOf, stepOf } from '@shipgate/local-runner/workflow';
import { workspaceWith } from '../actions/probes-workspace.js';
import { startHttpTestServer } from '../support/probe-servers/index.js';
import { repoRoot } from '../support/paths.js';
import { runWorkflowFile } from '../support/run-workflow.js';
import { useService } from '../support/services/use-service.js';

const WORKFLOW = join(repoRoot, 'test', 'fixtures', 'workflow-runs', '.github', 'workflows', 'probes.yml');
const probes = (path: string): string =>
  workspaceWith({ '.github/probes.yml': `probes:\n  - {name: health, critical: true, url: ${path}}\n` });

describe('a workflow running the synthetic-probes bundle', () => {
  it('passes against a healthy server: outputs through the job and the workflow, report kept as an artifact', async () => {
    const http = await useService(startHttpTestServer());
    const run = await runWorkflowFile(WORKFLOW, { repository: probes('/ok'), inputs: { 'base-url': http.url } });
    expect(run.conclusion).toBe('success');
    expect(run.outputs).toEqual({ result: 'pass' });
    const probe = jobOf(run, 'probe');
    expect(probe.outputs).toEqual({ result: 'pass', passed: '1' });
    expect(stepOf(probe, 'probes')).toMatchObject({
      kind: 'action',
      uses: 'octo-org/shipgate/actions/synthetic-probes@v1',
    });
    expect(run.summary).toContain('Synthetic probes passed: 1 of 1 (100%)');
    expect(http.requests('/ok')).toBe(1);
    expect(jobOf(run, 'on-failure').conclusion).toBe('skipped');
    const [report] = run.standIns.filter((s) => s.standIn === 'actions/upload-artifact');
    expect(report?.record).toEqual({ name: 'probe-report', files: [expect.stringMatching(/\.json$/)] });
    const file = join(run.artifactDir, 'probe-report', (report?.record.files as string[])[0] ?? '');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ schema: 'shipgate/synthetic-probes/v1' });
  });

  it('fails the job when a critical probe fails, and the failure() job runs with its outputs', async () => {
    const http = await useService(startHttpTestServer());
    const run = await runWorkflowFile(WORKFLOW, {
      repository: probes('/status/503'),
      inputs: { 'base-url': http.url },
    });
    expect(run.conclusion).toBe('failure');
    expect(run.outputs).toEqual({ result: 'fail' });
    const probe = jobOf(run, 'probe');
    expect(stepOf(probe, 'probes').conclusion).toBe('failure');
    expect(probe.annotations).toContainEqual(
      expect.objectContaining({ level: 'error', file: '.github/probes.yml', line: 2 }),
    );
    expect(jobOf(run, 'on-failure').annotations).toEqual([
      { level: 'warning', title: 'Probes', message: 'result fail, 0 passed' },
    ]);
    expect(run.summary).toContain('Synthetic probes failed: 0 of 1 (0%)');
  });
});

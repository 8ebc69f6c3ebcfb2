// preflight.yml, the reusable workflow, run through the local workflow runner with the committed root action
// (error-detection and security-scan in one step). Stand-ins used (each run prints its list): actions/checkout,
// actions/upload-artifact, actions/download-artifact, github/codeql-action/upload-sarif (checks the SARIF).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobOf } from '@shipgate/local-runner/workflow';
import { workspaceWith } from '../actions/probes-workspace.js';
import { repoRoot } from '../support/paths.js';
import { runWorkflowFile } from '../support/run-workflow.js';

const PREFLIGHT = join(repoRoot, '.github', 'workflows', 'preflight.yml');
const LEAKED = `ghp_${'a1B2c3D4e5F6g7H8i9J0'.repeat(2).slice(0, 36)}`;

describe('preflight.yml through the local runner', () => {
  it('passes a clean repository and uploads nothing unless asked', async () => {
    const run = await runWorkflowFile(PREFLIGHT, { repository: workspaceWith({ 'README.md': '# app\n' }) });
    expect(run.conclusion).toBe('success');
    expect(run.outputs.result).toBe('pass');
    expect(Number(run.outputs.score)).toBeGreaterThanOrEqual(80);
    expect(jobOf(run, 'upload-sarif').conclusion).toBe('skipped');
  });

  it('fails on a leaked token, annotates it, and uploads a valid SARIF file when the caller allows it', async () => {
    const repository = workspaceWith({ 'config/prod.env': `GITHUB_TOKEN=${LEAKED}\n` });
    const run = await runWorkflowFile(PREFLIGHT, { repository, inputs: { 'upload-sarif': true } });
    expect(run.conclusion).toBe('failure');
    expect(run.outputs.result).toBe('fail');
    expect(jobOf(run, 'preflight').annotations).toContainEqual(
      expect.objectContaining({ level: 'error', file: 'config/prod.env', line: 1 }),
    );
    expect(jobOf(run, 'upload-sarif').conclusion).toBe('success');
    const sarif = run.standIns.find((s) => s.standIn === 'github/codeql-action/upload-sarif');
    expect(sarif?.record.runs).toContainEqual(expect.objectContaining({ results: expect.any(Number) }));
    expect(JSON.stringify(run)).not.toContain(LEAKED);
  });
});

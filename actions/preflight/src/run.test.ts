import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runAction } from '@shipgate/kit';
import { FakeActionsCore } from '@shipgate/kit/testing';
import { ALPHABETS, SeededRandom } from '@shipgate/secrets/testing';
import { SYSTEM_ADAPTERS } from '../../security-scan/src/run.js';
import { ACTION } from './inputs.js';
import { run, type PreflightAdapters } from './run.js';

/** What action.yml passes when the step gives nothing (its step inputs' defaults). */
const DEFAULTS = { config: '.github/shipgate.yml', 'working-directory': '.' };

/** Fake runner tools (node 24, nothing else) and no command; git is never asked (full mode), OSV never reached. */
function fakeAdapters(): PreflightAdapters {
  return {
    detection: {
      tools: { version: async (tool) => (tool === 'node' ? '24.1.0' : undefined) },
      commands: () => async () => ({ code: 0, stdout: '', stderr: '' }),
      trackedFiles: vi.fn(async () => undefined),
    },
    scan: SYSTEM_ADAPTERS,
  };
}

async function runInProcess(inputs: Record<string, string>, files: Record<string, string>) {
  const workspace = mkdtempSync(join(tmpdir(), 'preflight-run-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  const core = new FakeActionsCore({ ...DEFAULTS, scanners: 'secrets,iac', ...inputs });
  const env = { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: join(workspace, '.runner-temp') };
  const adapters = fakeAdapters();
  await runAction(ACTION, (context) => run(context, env, adapters), { core, env });
  return { core, workspace, adapters };
}

const token = `ghp_${new SeededRandom(5).chars(ALPHABETS.alnum, 36)}`;

describe('preflight run (in process)', () => {
  it('passes a clean repository, with both parts in one summary and one SARIF log', async () => {
    const { core } = await runInProcess({}, { 'src/a.ts': 'export const a = 1;\n' });
    expect(core.failed).toBeUndefined();
    expect(Object.fromEntries(core.outputs)).toMatchObject({
      result: 'pass',
      'error-detection': 'pass',
      'security-scan': 'pass',
      score: '100',
      critical: '0',
    });
    expect(core.summary).toMatch(/^# ✅ Preflight passed/);
    expect(core.summary).toContain('Readiness 100/100');
    expect(core.summary).toContain('✅ Security scan passed');
    const sarif = JSON.parse(readFileSync(core.outputs.get('sarif-file')!, 'utf8'));
    expect(sarif.runs.map((r: { automationDetails: { id: string } }) => r.automationDetails.id)).toEqual([
      'shipgate/error-detection/',
      'shipgate/security-scan/secrets/',
      'shipgate/security-scan/iac/',
    ]);
  });

  it('fails naming the part that failed, with the secret masked and only redacted in SARIF and report', async () => {
    const { core } = await runInProcess(
      { environment: 'production' },
      { 'src/a.ts': `const t = "${token}";\n`, 'deploy/app.yaml': 'apiVersion: v1\nkind: Service\nspec: [\n' },
    );
    expect(core.secrets).toContain(token);
    expect(core.failed).toMatch(
      /^error-detection failed: Readiness \d+\/100 .* security-scan failed: Over the production/,
    );
    expect(core.failed).not.toContain('\n');
    expect(Object.fromEntries(core.outputs)).toMatchObject({ result: 'fail', 'error-detection': 'fail', secrets: '1' });
    const sarif = readFileSync(core.outputs.get('sarif-file')!, 'utf8');
    const report = readFileSync(core.outputs.get('report')!, 'utf8');
    for (const text of [sarif, report, core.summary]) expect(text).not.toContain(token);
    expect(JSON.parse(report)).toMatchObject({
      schema: 'shipgate/preflight/v1',
      data: { result: 'fail', errorDetection: { result: 'fail' }, securityScan: { result: 'fail' } },
    });
  });

  it("reads each part's config section, and refuses a wrong value there before anything runs", async () => {
    const { core, adapters } = await runInProcess(
      {},
      { '.github/shipgate.yml': 'error-detection:\n  min-score: 80\nsecurity-scan:\n  fail-on: sometimes\n' },
    );
    expect(core.failed).toMatch(/^\.github\/shipgate\.yml:4:\d+: 'security-scan\.fail-on'/);
    expect(adapters.detection.trackedFiles).not.toHaveBeenCalled();
    expect(core.outputs.size).toBe(0);
  });

  it('refuses a sarif-file outside the workspace and RUNNER_TEMP, naming it, before anything runs', async () => {
    const { core, adapters } = await runInProcess({ 'sarif-file': '../../elsewhere.sarif' }, {});
    expect(core.failed).toMatch(/^Input 'sarif-file' /);
    expect(adapters.detection.trackedFiles).not.toHaveBeenCalled();
    expect(core.outputs.size).toBe(0);
  });
});

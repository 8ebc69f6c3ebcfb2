import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runAction } from '@shipgate/kit';
import { FakeActionsCore } from '@shipgate/kit/testing';
import type { DetectionAdapters } from './adapters.js';
import { ACTION } from './inputs.js';
import { run } from './run.js';

/** Fake runner tools: node 24 on PATH, nothing else; the build command prints a tsc error. */
function fakeAdapters(): DetectionAdapters & { ran: string[][] } {
  const ran: string[][] = [];
  return {
    ran,
    tools: { version: async (tool) => (tool === 'node' ? '24.1.0' : undefined) },
    commands: () => async (argv) => {
      ran.push([...argv]);
      return { code: 2, stdout: "src/a.ts(2,5): error TS2304: Cannot find name 'x'.\n", stderr: '' };
    },
    trackedFiles: vi.fn(async () => undefined),
  };
}

async function runInProcess(
  inputs: Record<string, string>,
  files: Record<string, string>,
  env: Record<string, string> = {},
) {
  const workspace = mkdtempSync(join(tmpdir(), 'error-detection-run-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  const core = new FakeActionsCore({ config: '.github/shipgate.yml', 'working-directory': '.', ...inputs });
  const adapters = fakeAdapters();
  const runnerEnv = { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: workspace };
  await runAction(ACTION, (context) => run(context, env, adapters), { core, env: runnerEnv });
  return { core, adapters, workspace };
}

describe('error-detection run (in process, with fake tools and commands)', () => {
  // (2×100 + 2×100 + 3×40) / 7 = 74, capped at 49 by the critical tsc error.
  it('composes the categories into one score, outputs and report', async () => {
    const { core, adapters } = await runInProcess(
      { 'build-command': 'npx tsc --noEmit', 'min-score': '60' },
      {
        '.env.example': 'API_URL=\nTOKEN=\n',
        '.env': 'API_URL=https://api\n',
        'package.json': '{"engines": {"node": ">=24"}}\n',
      },
      { TOKEN: 'from-the-job' },
    );
    expect(adapters.ran).toEqual([['npx', 'tsc', '--noEmit']]);
    expect(Object.fromEntries(core.outputs)).toMatchObject({ result: 'fail', score: '49', errors: '1', warnings: '0' });
    const report = JSON.parse(readFileSync(core.outputs.get('report') ?? '', 'utf8'));
    expect(report.data.categories.map((c: { name: string; subscore: number }) => [c.name, c.subscore])).toEqual([
      ['env', 100],
      ['dependencies', 100],
      ['build', 40],
    ]);
    expect(report.data.findings[0]).toMatchObject({
      ruleId: 'build/tsc',
      location: { file: 'src/a.ts', line: 2, column: 5 },
    });
    expect(core.failed).toMatch(/^Readiness 49\/100 \(minimum 60\)/);
  });

  it('takes min-score and categories from the config file', async () => {
    const config = 'error-detection:\n  categories: env\n  min-score: 20\n';
    const { core, adapters } = await runInProcess(
      { 'build-command': 'make' },
      { '.github/shipgate.yml': config, '.env.example': 'A=\n', '.env': 'B=1\n' },
    );
    expect(adapters.ran).toEqual([]);
    expect(core.failed).toBeUndefined();
    expect(Object.fromEntries(core.outputs)).toMatchObject({ result: 'pass', score: '73' });
  });

  it('fails on an unknown category before running anything', async () => {
    const { core, adapters } = await runInProcess({ categories: 'dockerfile,helm', 'build-command': 'make' }, {});
    expect(core.failed).toMatch(/^Input 'categories' has an invalid value "dockerfile,helm"/);
    expect(adapters.ran).toEqual([]);
    expect(adapters.trackedFiles).not.toHaveBeenCalled();
  });
});

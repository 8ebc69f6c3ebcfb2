import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '@shipgate/kit';
import { FakeActionsCore } from '@shipgate/kit/testing';
import { ALPHABETS, SeededRandom } from '@shipgate/secrets/testing';
import { ACTION } from './inputs.js';
import { run } from './run.js';

const DEFAULTS = {
  scanners: 'secrets',
  mode: 'auto',
  'fail-on': 'high',
  path: '.',
  'scan-vendored': 'false',
  'osv-url': 'https://api.osv.dev',
  config: '.github/shipgate.yml',
  'working-directory': '.',
};

async function runInProcess(inputs: Record<string, string>, files: Record<string, string>) {
  const workspace = mkdtempSync(join(tmpdir(), 'security-scan-run-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  const core = new FakeActionsCore({ ...DEFAULTS, ...inputs });
  const env = { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: join(workspace, '.runner-temp') };
  await runAction(ACTION, (context) => run(context, env), { core, env });
  return { core, workspace };
}

const token = `ghp_${new SeededRandom(3).chars(ALPHABETS.alnum, 36)}`;

describe('security-scan run (in process)', () => {
  it('masks the found value, judges by the environment, and writes outputs, summary and SARIF', async () => {
    const { core } = await runInProcess({ environment: 'staging' }, { 'src/a.ts': `const t = "${token}";\n` });
    expect(core.secrets).toContain(token);
    expect(core.failed).toBeUndefined();
    expect(Object.fromEntries(core.outputs)).toMatchObject({ result: 'pass', critical: '1', secrets: '1' });
    expect(core.summary).toContain('Policy for staging: critical ≤ 1, high ≤ 7; fails on high.');
    const sarif = readFileSync(core.outputs.get('sarif-file')!, 'utf8');
    expect(sarif).toContain('ghp_…(40 chars)');
    expect(sarif).not.toContain(token);
  });

  it('refuses the image scanner without an image, before scanning anything', async () => {
    const { core } = await runInProcess({ scanners: 'secrets, image' }, { 'src/a.ts': `const t = "${token}";\n` });
    expect(core.failed).toMatch(/Input 'image' is required[\s\S]*scanners includes image/);
    expect(core.secrets).toEqual([]);
    expect(core.outputs.size).toBe(0);
  });
});

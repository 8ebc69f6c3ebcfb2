import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '@shipgate/kit';
import { FakeActionsCore } from '@shipgate/kit/testing';
import { fakeFailure, fakeResponse, FakeTransport } from '@shipgate/probes/testing';
import { ACTION } from './inputs.js';
import { run } from './run.js';

const PROBES = 'probes:\n  - name: health\n    url: /health\n  - name: api\n    url: /api\n';

async function runInProcess(inputs: Record<string, string>, files: Record<string, string>, transport: FakeTransport) {
  const workspace = mkdtempSync(join(tmpdir(), 'probes-run-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  const core = new FakeActionsCore({ config: '.github/shipgate.yml', 'working-directory': '.', ...inputs });
  const env = { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: workspace };
  const disposable = Object.assign(transport, { [Symbol.dispose]: () => undefined });
  await runAction(ACTION, (context) => run(context, env, () => disposable), { core, env });
  return core;
}

describe('synthetic-probes run (in process, with a fake transport)', () => {
  it('passes when every probe passes and sets the outputs', async () => {
    const transport = new FakeTransport({ http: () => fakeResponse({ status: 200 }) });
    const core = await runInProcess({ 'base-url': 'https://app.example' }, { '.github/probes.yml': PROBES }, transport);
    expect(core.failed).toBeUndefined();
    expect(Object.fromEntries(core.outputs)).toMatchObject({ result: 'pass', passed: '2', failed: '0' });
    expect(transport.requests.map((r) => (r.request as { url: string }).url).sort()).toEqual([
      'https://app.example/api',
      'https://app.example/health',
    ]);
  });

  it('takes success-threshold from the config file when the step does not set it', async () => {
    const transport = new FakeTransport({
      http: (r) => (r.url.endsWith('/api') ? fakeFailure('connection-refused') : fakeResponse({ status: 200 })),
    });
    const config = 'synthetic-probes:\n  success-threshold: 0.5\n';
    const core = await runInProcess(
      { 'base-url': 'https://app.example' },
      { '.github/probes.yml': PROBES, '.github/shipgate.yml': config },
      transport,
    );
    expect(core.outputs.get('result')).toBe('pass');
    expect(core.failed).toBeUndefined();
  });

  it('names a probe file that is a directory before any probe runs', async () => {
    const transport = new FakeTransport({});
    const core = await runInProcess({ probes: '.github' }, { '.github/probes.yml': PROBES }, transport);
    expect(core.failed).toMatch(
      /^Input 'probes' has an invalid value "\.github": expected a file inside the workspace/,
    );
    expect(transport.requests).toEqual([]);
  });
});

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startHttpTestServer } from '../support/probe-servers/index.js';
import { createTempDir, useService } from '../support/services/index.js';
import { runAction } from '../support/run-action.js';
import { workspaceWith } from './probes-workspace.js';

const PROBES = 'probes:\n  - {name: ok, url: /ok}\n';

/** A directory outside the workspace holding a probe file and a config file, as another repository or the runner's files would. */
function outside(): string {
  const dir = createTempDir('outside');
  onTestFinished(() => dir.remove());
  writeFileSync(dir.join('probes.yml'), PROBES);
  writeFileSync(dir.join('shipgate.yml'), 'synthetic-probes:\n  retries: 0\n');
  return dir.path;
}

describe('paths that inputs name stay inside the workspace, symbolic links resolved', () => {
  const cases: [string, (ws: string, out: string) => Record<string, string>, RegExp][] = [
    [
      'working-directory above the workspace',
      () => ({ 'working-directory': '..' }),
      /^Input 'working-directory' has an invalid value "\.\.": expected a directory inside the workspace/,
    ],
    [
      'working-directory through a link to a directory outside',
      (ws, out) => (symlinkSync(out, join(ws, 'linked')), { 'working-directory': 'linked' }),
      /^Input 'working-directory' has an invalid value "linked": expected a directory inside the workspace[\s\S]*is outside/,
    ],
    [
      'probes outside',
      (_ws, out) => ({ probes: join(out, 'probes.yml') }),
      /^Input 'probes' has an invalid value ".*probes\.yml": expected a file inside the workspace[\s\S]*is outside the workspace/,
    ],
    [
      'probes through a link to a file outside',
      (ws, out) => (symlinkSync(join(out, 'probes.yml'), join(ws, 'probes.yml')), { probes: 'probes.yml' }),
      /^Input 'probes' has an invalid value "probes\.yml": expected a file inside the workspace[\s\S]*is outside the workspace/,
    ],
    [
      'config through a link to a file outside',
      (ws, out) => (symlinkSync(join(out, 'shipgate.yml'), join(ws, 'shipgate.yml')), { config: 'shipgate.yml' }),
      /^Input 'config' has an invalid value "shipgate\.yml": expected a YAML file inside the workspace[\s\S]*is outside the workspace/,
    ],
  ];

  it.each(cases)('refuses %s before any probe runs', async (_name, setup, message) => {
    const http = await useService(startHttpTestServer());
    const workspace = workspaceWith({ '.github/probes.yml': PROBES });
    const run = await runAction(
      'synthetic-probes',
      { 'base-url': http.url, ...setup(workspace, outside()) },
      { workspace },
    );
    expect(run.exitCode).toBe(1);
    expect(run.annotations.at(-1)?.message).toMatch(message);
    expect(http.requests()).toBe(0);
  });

  it('follows a link that stays inside the workspace', async () => {
    const http = await useService(startHttpTestServer());
    const workspace = workspaceWith({ 'probes/real.yml': PROBES });
    mkdirSync(join(workspace, 'dir'));
    symlinkSync(join(workspace, 'probes', 'real.yml'), join(workspace, 'dir', 'linked.yml'));
    const run = await runAction('synthetic-probes', { 'base-url': http.url, probes: 'dir/linked.yml' }, { workspace });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(http.requests('/ok')).toBe(1);
  });
});

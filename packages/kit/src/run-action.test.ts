import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '@shipgate/core';
import { FakeActionsCore } from './testing/fake-actions-core.js';
import { COMMON_INPUTS, TOKEN_INPUT } from './common-inputs.js';
import { runAction, runPost } from './run-action.js';

const DEMO = {
  name: 'demo',
  inputs: { ...COMMON_INPUTS, ...TOKEN_INPUT, 'max-high': { kind: 'integer', min: 0, description: 'x' } },
} as const;

const workspace = (files: Record<string, string> = {}): string => {
  const dir = mkdtempSync(join(tmpdir(), 'kit-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
};

describe('runAction', () => {
  it('reads inputs before config, and config by environment first', async () => {
    const dir = workspace({ '.github/shipgate.yml': 'environments:\n  production:\n    max-high: 1\n' });
    const core = new FakeActionsCore({ environment: 'production', 'stage-duration': '' });
    let seen: unknown;
    await runAction(
      DEMO,
      async (ctx) => {
        seen = { env: ctx.environment, config: ctx.config?.data, dir: ctx.workingDirectory };
        ctx.setOutput('n', 1);
      },
      { core, env: { GITHUB_WORKSPACE: dir } },
    );
    expect(core.failed).toBeUndefined();
    expect(seen).toEqual({ env: 'production', config: { environments: { production: { 'max-high': 1 } } }, dir });
    expect(core.outputs.get('n')).toBe('1');
  });

  it('fails once, with message and hint, for an error; writes what was collected', async () => {
    const core = new FakeActionsCore();
    await runAction(
      DEMO,
      async (ctx) => {
        ctx.summary.heading('partial');
        throw new InputError('stages', '5,x', 'weights from 1 to 100', { hint: 'Write stages as 5,10,25.' });
      },
      { core, env: { GITHUB_WORKSPACE: workspace() } },
    );
    expect(core.failed).toBe(
      'Input \'stages\' has an invalid value "5,x": expected weights from 1 to 100.\nWrite stages as 5,10,25.',
    );
    expect(core.summary).toContain('## partial');
  });

  it('names a config file problem with its line', async () => {
    const core = new FakeActionsCore();
    await runAction(DEMO, async () => undefined, {
      core,
      env: { GITHUB_WORKSPACE: workspace({ '.github/shipgate.yml': 'environments:\n  prod:\n    max-hgh: 1\n' }) },
    });
    expect(core.failed).toMatch(/^\.github\/shipgate\.yml:3:5: 'environments\.prod\.max-hgh' is not a known key/);
  });

  it('requires a config file that is named explicitly', async () => {
    const core = new FakeActionsCore({ config: 'ci/shipgate.yml' });
    await runAction(DEMO, async () => undefined, { core, env: { GITHUB_WORKSPACE: workspace() } });
    expect(core.failed).toMatch(
      /^Input 'config' has an invalid value "ci\/shipgate.yml": expected a YAML file inside the workspace/,
    );
  });

  it('redacts secrets in failure messages', async () => {
    const core = new FakeActionsCore({ token: 'tok-123456789' });
    await runAction(DEMO, async (ctx) => ({ status: 'failure', message: `bad ${ctx.inputs.get('token')}` }), {
      core,
      env: { GITHUB_WORKSPACE: workspace() },
    });
    expect(core.failed).toBe('bad ***');
    expect(core.secrets).toContain('tok-123456789');
  });
});

describe('writeReport', () => {
  it('never writes through a link planted at the report path', async () => {
    const temp = workspace();
    const victim = join(workspace(), 'victim.txt');
    writeFileSync(victim, 'untouched\n');
    mkdirSync(join(temp, 'shipgate'));
    symlinkSync(victim, join(temp, 'shipgate', 'demo-report.json'));
    const core = new FakeActionsCore();
    await runAction(DEMO, async (ctx) => void ctx.writeReport({ ok: true }), {
      core,
      env: { GITHUB_WORKSPACE: workspace(), RUNNER_TEMP: temp },
    });
    expect(core.failed).toBeUndefined();
    expect(readFileSync(victim, 'utf8')).toBe('untouched\n');
    const report = join(temp, 'shipgate', 'demo-report.json');
    expect(lstatSync(report).isSymbolicLink()).toBe(false);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ schema: 'shipgate/demo/v1' });
  });

  it('does not write the report through a planted link to another directory', async () => {
    const temp = workspace();
    const elsewhere = workspace();
    symlinkSync(elsewhere, join(temp, 'shipgate'));
    const core = new FakeActionsCore();
    await runAction(DEMO, async (ctx) => void ctx.writeReport({ ok: true }), {
      core,
      env: { GITHUB_WORKSPACE: workspace(), RUNNER_TEMP: temp },
    });
    expect(core.failed).toMatch(/^Could not write the report: .*shipgate is not a directory/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});

describe('runPost', () => {
  it('turns errors into warnings and never fails', async () => {
    const core = new FakeActionsCore();
    await runPost(
      DEMO,
      async () => {
        throw new Error('boom');
      },
      { core, env: { GITHUB_WORKSPACE: workspace() } },
    );
    expect(core.failed).toBeUndefined();
    expect(core.logs.find((l) => l.level === 'warning')?.message).toMatch(/^Unexpected error: boom/);
  });
});

describe('runAction config defaults', () => {
  it('treats the default config path as optional even when the runner passes it as an input', async () => {
    const core = new FakeActionsCore({ config: '.github/shipgate.yml' });
    await runAction(DEMO, async () => undefined, { core, env: { GITHUB_WORKSPACE: workspace() } });
    expect(core.failed).toBeUndefined();
  });
});

import { EventEmitter } from 'node:events';
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

describe('runAction releases what the run registered', () => {
  /** A resource that notes its release in `log`. */
  const resource = (log: string[], name: string): AsyncDisposable => ({
    [Symbol.asyncDispose]: async () => void log.push(`released ${name}`),
  });

  it('after the run returns, last registered first, before the summary is written', async () => {
    const core = new FakeActionsCore();
    const log: string[] = [];
    await runAction(
      DEMO,
      async (ctx) => {
        ctx.use(resource(log, 'shell'));
        ctx.adopt('record', (r) => void log.push(`released ${r}`));
        ctx.summary.heading('done');
      },
      { core, env: { GITHUB_WORKSPACE: workspace() } },
    );
    expect(log).toEqual(['released record', 'released shell']);
    expect(core.failed).toBeUndefined();
  });

  it('after the run throws, and a resource that fails to release is a warning while the others are released', async () => {
    const core = new FakeActionsCore();
    const log: string[] = [];
    await runAction(
      DEMO,
      async (ctx) => {
        ctx.use(resource(log, 'shell'));
        ctx.adopt('broken', () => {
          throw new Error('ssh -O exit failed');
        });
        throw new Error('boom');
      },
      { core, env: { GITHUB_WORKSPACE: workspace() } },
    );
    expect(log).toEqual(['released shell']);
    expect(core.failed).toMatch(/^Unexpected error: boom/);
    expect(core.logs.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      expect.stringMatching(/^Could not release a resource: Unexpected error: ssh -O exit failed/),
    ]);
  });
});

describe('runAction on a cancelled job (SIGINT, SIGTERM)', () => {
  /** The step's signals and its exit, under the test's control. */
  function cancellable() {
    const signals = new EventEmitter();
    const exits: number[] = [];
    const deps = {
      core: new FakeActionsCore(),
      env: { GITHUB_WORKSPACE: workspace() },
      signals: {
        on: (name: NodeJS.Signals, listener: (s: NodeJS.Signals) => void) => signals.on(name, listener),
        off: (name: NodeJS.Signals, listener: (s: NodeJS.Signals) => void) => signals.off(name, listener),
      },
      exit: (code: number) => void exits.push(code),
    };
    return { deps, exits, send: (name: NodeJS.Signals) => signals.emit(name, name), signals };
  }

  it('aborts the run, which unwinds; its resources are released, the step fails and the process exits 1', async () => {
    const { deps, exits, send, signals } = cancellable();
    const log: string[] = [];
    await runAction(
      DEMO,
      async (ctx) => {
        ctx.adopt('shell', () => void log.push('released shell'));
        await new Promise((resolve) => {
          ctx.signal.addEventListener('abort', resolve);
          send('SIGTERM');
        });
        log.push(`run saw ${(ctx.signal.reason as Error).name}`);
        ctx.signal.throwIfAborted();
      },
      { ...deps, cancelGraceMs: 60_000 },
    );
    expect(log).toEqual(['run saw CancelledError', 'released shell']);
    expect(deps.core.failed).toBe(
      'The job was cancelled (SIGTERM) before the step finished; what the step held was released.',
    );
    expect(exits).toEqual([1]);
    expect(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT')).toBe(0);
  });

  it('releases under a run that does not unwind, at the runner SIGTERM that follows SIGINT', async () => {
    const { deps, exits, send } = cancellable();
    const log: string[] = [];
    let stuck = true;
    await runAction(
      DEMO,
      async (ctx) => {
        ctx.adopt('shell', () => void log.push(`released shell while the run was ${stuck ? 'stuck' : 'done'}`));
        send('SIGINT');
        send('SIGTERM');
        await new Promise(() => undefined); // a wait that never looks at the signal
        stuck = false;
      },
      { ...deps, cancelGraceMs: 60_000 },
    );
    expect(log).toEqual(['released shell while the run was stuck']);
    expect(deps.core.failed).toMatch(/^The job was cancelled \(SIGINT\)/);
    expect(exits).toEqual([1]);
  });

  it('releases under a run that does not unwind once the grace is over, after a single signal', async () => {
    const { deps, exits, send } = cancellable();
    const log: string[] = [];
    await runAction(
      DEMO,
      async (ctx) => {
        ctx.adopt('shell', () => void log.push('released shell'));
        send('SIGTERM');
        await new Promise(() => undefined);
      },
      { ...deps, cancelGraceMs: 0 },
    );
    expect(log).toEqual(['released shell']);
    expect(exits).toEqual([1]);
  });

  it('opens nothing after a cancel: a resource registered then is released and the run stops', async () => {
    const { deps, send } = cancellable();
    const log: string[] = [];
    await runAction(
      DEMO,
      async (ctx) => {
        send('SIGTERM');
        ctx.adopt('shell', () => void log.push('released shell'));
        log.push('went on');
      },
      { ...deps, cancelGraceMs: 60_000 },
    );
    expect(log).toEqual(['released shell']);
    expect(deps.core.failed).toMatch(/^The job was cancelled \(SIGTERM\)/);
  });

  it('a cancelled post step releases, warns and exits 0: a post step never fails the job', async () => {
    const { deps, exits, send } = cancellable();
    const log: string[] = [];
    await runPost(
      DEMO,
      async (ctx) => {
        ctx.adopt('shell', () => void log.push('released shell'));
        send('SIGTERM');
        await new Promise(() => undefined);
      },
      { ...deps, cancelGraceMs: 0 },
    );
    expect(log).toEqual(['released shell']);
    expect(deps.core.failed).toBeUndefined();
    expect(deps.core.logs.find((l) => l.level === 'warning')?.message).toMatch(/^The job was cancelled \(SIGTERM\)/);
    expect(exits).toEqual([0]);
  });

  it('does not exit or fail a run that was not cancelled, and stops listening afterwards', async () => {
    const { deps, exits, signals } = cancellable();
    await runAction(DEMO, async () => undefined, deps);
    expect(exits).toEqual([]);
    expect(deps.core.failed).toBeUndefined();
    expect(signals.listenerCount('SIGTERM')).toBe(0);
  });
});

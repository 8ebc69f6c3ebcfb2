import { describe, expect, it } from 'vitest';
import { ExecError } from '@shipgate/core';
import { FakeShell, type FakeCommand } from '@shipgate/exec/testing';
import type { RunResult } from '@shipgate/exec';
import { NginxTrafficProvider, type NginxTrafficOptions } from '@shipgate/traffic';
import type { Clock } from '@shipgate/core';
import { TrafficError } from '@shipgate/traffic';

const FILE = '/etc/nginx/conf.d/app-upstream.conf';
const PID_FILE = '/run/nginx.pid';
const OLD = '# the file before\n';
const ok: RunResult = { code: 0, stdout: '', stderr: '' };
const context = { version: 'v2', stage: 2 };

function options(shell: FakeShell, overrides: Partial<NginxTrafficOptions> = {}): NginxTrafficOptions {
  return {
    shell,
    upstream: 'app',
    upstreamFile: FILE,
    stableTargets: ['10.0.0.5:8080'],
    canaryTargets: ['10.0.0.9:8080'],
    testCommand: ['nginx', '-t'],
    reloadCommand: ['nginx', '-s', 'reload'],
    split: { mode: 'weighted' },
    ...overrides,
  };
}

/** Answers nginx -t and nginx -s reload; the workers script is answered by `workers`. */
function nginxCommands(
  answers: { test?: () => RunResult; reload?: () => RunResult; workers?: () => RunResult } = {},
): FakeCommand {
  return (argv) => {
    if (argv[0] === 'sh' && argv[3] === 'shipgate-workers')
      return answers.workers?.() ?? { code: 44, stdout: '', stderr: '' };
    if (argv.includes('-t')) return answers.test?.() ?? ok;
    if (argv.includes('reload')) return answers.reload?.() ?? ok;
    throw new Error(`unexpected command ${argv.join(' ')}`);
  };
}

function steps(shell: FakeShell): string[] {
  return shell.calls.map((c) =>
    c.kind === 'run' ? `run ${c.argv[0] === 'sh' ? 'workers' : c.argv.join(' ')}` : `${c.kind} ${c.path}`,
  );
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** A clock whose sleep returns at once and moves time on. */
function fakeClock(): Clock {
  let now = 0;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

describe('NginxTrafficProvider.setWeight', () => {
  it('reads the previous file, writes the new one, tests it, then reloads', async () => {
    const shell = new FakeShell(nginxCommands(), { [FILE]: OLD });
    await new NginxTrafficProvider(options(shell)).setWeight(25, context);
    expect(steps(shell)).toEqual([`read ${FILE}`, `write ${FILE}`, 'run nginx -t', 'run nginx -s reload']);
    expect(shell.files.get(FILE)).toContain('server 10.0.0.5:8080 weight=3;');
  });

  it("restores the previous file and does not reload when nginx -t fails, with nginx's message", async () => {
    const message =
      'nginx: [emerg] host not found in upstream "x.invalid:80" in /etc/nginx/conf.d/app-upstream.conf:5\nnginx: configuration file /etc/nginx/nginx.conf test failed';
    const shell = new FakeShell(nginxCommands({ test: () => ({ code: 1, stdout: '', stderr: message }) }), {
      [FILE]: OLD,
    });
    const error = await rejection(new NginxTrafficProvider(options(shell)).setWeight(50, context));
    expect(error).toBeInstanceOf(TrafficError);
    expect(error.message).toContain(
      `nginx rejected the upstream file for canary weight 50%; the previous file is back and nginx keeps serving it. nginx said:\n${message}`,
    );
    expect((error as TrafficError).output).toBe(message);
    expect((error as TrafficError).weight).toBe(50);
    expect((error as TrafficError).hint).toContain("'nginx -t' on a fake host shows the same message");
    expect(shell.files.get(FILE)).toBe(OLD);
    expect(steps(shell)).toEqual([`read ${FILE}`, `write ${FILE}`, 'run nginx -t', `write ${FILE}`]);
  });

  it('removes the new file when there was none before and the test fails', async () => {
    const shell = new FakeShell(nginxCommands({ test: () => ({ code: 1, stdout: '', stderr: 'bad' }) }));
    await expect(new NginxTrafficProvider(options(shell)).setWeight(5, context)).rejects.toThrow(TrafficError);
    expect(shell.files.has(FILE)).toBe(false);
  });

  it('restores the previous file and reloads it when the reload fails', async () => {
    const shell = new FakeShell(
      nginxCommands({
        reload: () => ({ code: 1, stdout: '', stderr: 'nginx: [error] invalid PID number "" in "/run/nginx.pid"' }),
      }),
      { [FILE]: OLD },
    );
    const error = await rejection(new NginxTrafficProvider(options(shell)).setWeight(10, context));
    expect(error.message).toMatch(
      /nginx did not apply the upstream file for canary weight 10%\. The previous file is back .*\n.*invalid PID number/,
    );
    expect(shell.files.get(FILE)).toBe(OLD);
    expect(steps(shell)).toEqual([
      `read ${FILE}`,
      `write ${FILE}`,
      'run nginx -t',
      'run nginx -s reload',
      `write ${FILE}`,
      'run nginx -s reload',
    ]);
  });

  it('restores the previous file and passes the error on when a command cannot run at all', async () => {
    const shell = new FakeShell(
      nginxCommands({
        test: () => {
          throw new ExecError('nginx -t', null, 'spawn nginx ENOENT');
        },
      }),
      { [FILE]: OLD },
    );
    await expect(new NginxTrafficProvider(options(shell)).setWeight(10, context)).rejects.toThrow(ExecError);
    expect(shell.files.get(FILE)).toBe(OLD);
  });

  it('runs changes one at a time, so an abort during a stage change lands last', async () => {
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let tests = 0;
    const shell = new FakeShell(async (argv) => {
      if (argv.includes('-t') && tests++ === 0) await gate;
      return ok;
    });
    const provider = new NginxTrafficProvider(options(shell));
    const stage = provider.setWeight(50, context);
    const abort = provider.abort(context);
    await Promise.resolve();
    release();
    await Promise.all([stage, abort]);
    expect(steps(shell).filter((s) => s.startsWith('write') || s.includes('reload'))).toEqual([
      `write ${FILE}`,
      'run nginx -s reload',
      `write ${FILE}`,
      'run nginx -s reload',
    ]);
    expect(shell.files.get(FILE)).not.toContain('10.0.0.9');
  });
});

describe('NginxTrafficProvider.abort', () => {
  it('keeps the all-stable file when only the reload fails, so the next reload or restart serves it', async () => {
    const shell = new FakeShell(
      nginxCommands({
        reload: () => ({ code: 1, stdout: '', stderr: 'nginx: [error] open() "/run/nginx.pid" failed' }),
      }),
      { [FILE]: OLD },
    );
    const error = await rejection(new NginxTrafficProvider(options(shell)).abort(context));
    expect(error.message).toMatch(/for abort \(all traffic to stable\)\. The new file passed the test and stays/);
    expect(shell.files.get(FILE)).toContain('upstream app {\n    server 10.0.0.5:8080;  # stable\n}');
  });
});

describe('NginxTrafficProvider with a pid file', () => {
  it('returns once new workers serve and the old ones have exited', async () => {
    const polls = ['10\n11\n', '10\n11\n', '10\n11 12\n', '10\n12\n'];
    let reloaded = false;
    const shell = new FakeShell(
      nginxCommands({
        reload: () => ((reloaded = true), ok),
        workers: () => ({ code: 0, stdout: reloaded ? (polls.shift() ?? '10\n12\n') : '10\n11\n', stderr: '' }),
      }),
      { [FILE]: OLD },
    );
    await new NginxTrafficProvider(options(shell, { pidFile: PID_FILE, clock: fakeClock() })).setWeight(25, context);
    expect(polls).toEqual([]);
  });

  it('counts a reload as applied when old workers are still draining long requests after drainTimeoutMs', async () => {
    let reloaded = false;
    const shell = new FakeShell(
      nginxCommands({
        reload: () => ((reloaded = true), ok),
        workers: () => ({ code: 0, stdout: reloaded ? '10\n11 12\n' : '10\n11\n', stderr: '' }),
      }),
    );
    const clock = fakeClock();
    await new NginxTrafficProvider(options(shell, { pidFile: PID_FILE, clock, drainTimeoutMs: 500 })).setWeight(
      25,
      context,
    );
    expect(clock.now()).toBeGreaterThanOrEqual(500);
    expect(clock.now()).toBeLessThan(600);
  });

  it('undoes the change when the master starts no new workers (it refused the files after the signal)', async () => {
    const shell = new FakeShell(nginxCommands({ workers: () => ({ code: 0, stdout: '10\n11\n', stderr: '' }) }), {
      [FILE]: OLD,
    });
    const error = await rejection(
      new NginxTrafficProvider(
        options(shell, { pidFile: PID_FILE, clock: fakeClock(), reloadTimeoutMs: 1000 }),
      ).setWeight(25, context),
    );
    expect(error).toBeInstanceOf(TrafficError);
    expect(error.message).toContain('nginx (master 10, from /run/nginx.pid) started no new workers within 1000 ms');
    expect(shell.files.get(FILE)).toBe(OLD);
    expect(steps(shell).at(-1)).toBe('run nginx -s reload');
  });

  it('skips the wait when the workers cannot be listed', async () => {
    const shell = new FakeShell(nginxCommands());
    await new NginxTrafficProvider(options(shell, { pidFile: PID_FILE, clock: fakeClock() })).setWeight(25, context);
    expect(steps(shell).filter((s) => s === 'run workers')).toHaveLength(1);
  });
});

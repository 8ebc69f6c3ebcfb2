import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { requireNode24 } from '../support/paths.js';
import { SETTLE_TIMEOUT_MS, pollUntil } from '../support/poll.js';
import {
  ManagedProcess,
  ServiceStartError,
  isPortOpen,
  isProcessAlive,
  startNginx,
  useService,
  startAppServer,
} from '../support/services/index.js';
import { REAPER_SCRIPT } from '../support/services/reaper.js';

// Lets plain Node (type stripping) load the fixtures' TypeScript, whose imports name `.js` files.
const TS_RESOLVE_HOOK = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
registerHooks({ resolve(specifier, context, next) {
  try { return next(specifier, context); } catch (error) {
    if (specifier.startsWith('.') && specifier.endsWith('.js')) return next(specifier.slice(0, -3) + '.ts', context);
    throw error;
  }
} });`)}`;

const NGINX_MODULE = pathToFileURL(join(import.meta.dirname, '..', 'support', 'services', 'nginx.ts')).href;

/** A stand-in for a test worker: starts nginx, reports it, then dies in the way `ending` says without stop(). */
function childScript(ending: 'exit' | 'hang'): string {
  return `
const { startNginx } = await import(${JSON.stringify(NGINX_MODULE)});
const nginx = await startNginx({ upstream: 'server 127.0.0.1:9;\\n' });
console.log(JSON.stringify({ pids: [nginx.masterPid, ...nginx.workerPids()], port: nginx.port, prefix: nginx.prefix }));
${ending === 'exit' ? 'process.exit(0);' : 'setInterval(() => {}, 1000);'}`;
}

interface Started {
  pids: number[];
  port: number;
  prefix: string;
}

describe('cleanup when stop() never runs', () => {
  it.each([
    ['exits without stopping its services', 'exit'],
    ['is killed with SIGKILL', 'hang'],
  ] as const)('kills nginx and removes its prefix when the worker %s', async (_, ending) => {
    const child = spawn(
      requireNode24(),
      ['--import', TS_RESOLVE_HOOK, '--input-type=module', '-e', childScript(ending)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    try {
      const started = await pollUntil(
        () => (out.includes('\n') ? (JSON.parse(out.split('\n')[0] ?? '') as Started) : undefined),
        {
          timeoutMs: 15_000,
          description: 'the child to report its nginx',
        },
      );
      expect(started.pids).toHaveLength(2);
      if (ending === 'hang') {
        expect(started.pids.every(isProcessAlive)).toBe(true);
        child.kill('SIGKILL');
      }
      await pollUntil(
        async () =>
          !started.pids.some(isProcessAlive) && !existsSync(started.prefix) && !(await isPortOpen(started.port)),
        {
          timeoutMs: 10_000,
          description: `nginx ${started.pids.join(', ')} to be killed and ${started.prefix} removed`,
        },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}\nchild output:\n${out}`, { cause: error });
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('the reaper kills registered process groups and removes directories when its input ends', async () => {
    const victim = ManagedProcess.start({ name: 'sleep', command: '/bin/sleep', args: ['300'] });
    const dir = mkdtempSync(join(tmpdir(), 'shipgate-reaper-test-'));
    const reaper = spawn(requireNode24(), ['-e', REAPER_SCRIPT], { stdio: ['pipe', 'ignore', 'ignore'] });
    try {
      reaper.stdin.end(`+pid ${victim.pid}\n+dir ${dir}\n+dir /nonexistent/shipgate\n`);
      await pollUntil(() => !isProcessAlive(victim.pid) && !existsSync(dir), {
        timeoutMs: SETTLE_TIMEOUT_MS,
        description: 'the reaper to clean up',
      });
      expect((await victim.exited).signal).toBe('SIGKILL');
    } finally {
      await victim.stop();
    }
  });
});

describe('ManagedProcess', () => {
  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const stubborn = ManagedProcess.start({
      name: 'stubborn',
      command: requireNode24(),
      args: [
        '-e',
        "process.on('SIGTERM', () => console.log('ignoring SIGTERM')); setInterval(() => {}, 1000); console.log('up');",
      ],
    });
    await stubborn.waitUntilReady(() => stubborn.capturedOutput().includes('up'), {
      timeoutMs: SETTLE_TIMEOUT_MS,
      description: 'up',
    });
    const started = Date.now();
    expect(await stubborn.stop({ timeoutMs: 300 })).toEqual({ code: null, signal: 'SIGKILL' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(isProcessAlive(stubborn.pid)).toBe(false);
  });

  it('fails readiness at once, with the log, when the process exits', async () => {
    const crashing = ManagedProcess.start({
      name: 'crashing',
      command: '/bin/sh',
      args: ['-c', 'echo "cannot bind: boom" >&2; exit 3'],
    });
    const error = await crashing
      .waitUntilReady(() => false, { timeoutMs: 10_000, description: 'never' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceStartError);
    expect((error as ServiceStartError).message).toMatch(/cannot bind: boom[\s\S]*exited with code 3/);
    // At once: the exit ended the wait, not the deadline.
    expect((error as ServiceStartError).message).toMatch(/the process exited while waiting for never/);
    expect((error as ServiceStartError).message).not.toMatch(/Timed out/);
    await crashing.stop();
  });

  it("reports a port taken by another process at once, with nginx's log, and cleans up", async () => {
    const app = await useService(startAppServer({ version: 'v1' }));
    const error = await startNginx({ upstream: [{ address: app.address }], port: app.port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceStartError);
    // At once: nginx's [emerg] line ended the wait, not the readiness deadline.
    expect((error as ServiceStartError).message).toMatch(/nginx logged an \[emerg\] error/);
    expect((error as ServiceStartError).message).not.toMatch(/Timed out/);
    expect((error as ServiceStartError).portInUse).toBe(true);
    const { log } = error as ServiceStartError;
    expect(log).toContain(`bind() to 127.0.0.1:${app.port} failed`);
    const prefix = /-p (\S+)/.exec(log)?.[1];
    expect(prefix).toMatch(/shipgate-nginx-/);
    expect(existsSync(prefix ?? '/')).toBe(false);
  });
});

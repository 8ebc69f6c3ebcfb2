import { chmodSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ExecError, TimeoutError } from '@shipgate/core';
import { LocalShell } from '@shipgate/exec';
import { createTempDir } from '../support/services/index.js';
import { SETTLE_TIMEOUT_MS } from '../support/poll.js';

function tempDir() {
  const dir = createTempDir('local-shell');
  onTestFinished(() => dir.remove());
  return dir;
}

describe('LocalShell.run', () => {
  const shell = new LocalShell();

  it('runs argv without a shell: nothing is expanded', async () => {
    const result = await shell.run(['echo', '$HOME', '*', '$(id)', 'a;b']);
    expect(result).toEqual({ code: 0, stdout: '$HOME * $(id) a;b\n', stderr: '' });
  });

  it("keeps the step's inputs and the runner's credentials out of a command's environment", async () => {
    process.env.INPUT_TOKEN = 'ghs_secret_from_input';
    process.env.GITHUB_TOKEN = 'ghs_secret_from_env';
    process.env.SHIPGATE_TEST_VISIBLE = 'visible';
    onTestFinished(() => {
      delete process.env.INPUT_TOKEN;
      delete process.env.GITHUB_TOKEN;
      delete process.env.SHIPGATE_TEST_VISIBLE;
    });
    const { stdout } = await new LocalShell().run(['env']);
    expect(stdout).not.toContain('ghs_secret');
    expect(stdout).toContain('SHIPGATE_TEST_VISIBLE=visible');
  });

  it('passes stdin and returns non-zero exits as results', async () => {
    expect(await shell.run(['cat'], { input: 'in' })).toEqual({ code: 0, stdout: 'in', stderr: '' });
    expect((await shell.run(['sh', '-c', 'echo no >&2; exit 4'])).code).toBe(4);
  });

  it('throws an ExecError with a hint when the command does not exist', async () => {
    const error = (await shell.run(['no-such-command-shipgate', '-t']).catch((e: unknown) => e)) as ExecError;
    expect(error).toBeInstanceOf(ExecError);
    expect(error.message).toMatch(
      /^Command 'no-such-command-shipgate -t' could not run: spawn no-such-command-shipgate ENOENT/,
    );
    expect(error.hint).toMatch(/'no-such-command-shipgate' was not found/);
    await expect(shell.run([])).rejects.toThrow(ExecError);
    await expect(shell.run(['echo', 'nul\0byte'])).rejects.toThrow(ExecError);
  });

  it('kills a command that runs past its timeout', async () => {
    await expect(shell.run(['sleep', '5'], { timeoutMs: 100 })).rejects.toThrow(TimeoutError);
  });

  it('kills the process group of a command on timeout, background children included', async () => {
    const pidFile = `${tempDir().path}/child.pid`;
    // The background sleep keeps stdout open: only killing the group ends the wait.
    const run = shell.run(['sh', '-c', `sleep 30 & echo $! > ${pidFile}; wait`], { timeoutMs: 300 });
    await expect(run).rejects.toThrow(TimeoutError);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    // Killed is enough: a zombie waiting for init to reap it counts as gone (Linux /proc).
    const running = (): boolean =>
      existsSync(`/proc/${pid}`) && !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    await expect.poll(running, { timeout: SETTLE_TIMEOUT_MS }).toBe(false);
  });
});

describe('LocalShell files', () => {
  const shell = new LocalShell();

  it('reads undefined for a missing file', async () => {
    expect(await shell.readFile(`${tempDir().path}/missing.conf`)).toBeUndefined();
  });

  it('writes atomically, keeps the mode, leaves no temp file behind', async () => {
    const dir = tempDir();
    const file = dir.join('app.conf');
    await shell.writeFileAtomic(file, 'one\n');
    expect(readFileSync(file, 'utf8')).toBe('one\n');
    chmodSync(file, 0o640);
    await shell.writeFileAtomic(file, 'two\n');
    expect(await shell.readFile(file)).toBe('two\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir.path)).toEqual(['app.conf']);
  });

  it('writes through a symlink to its target, so the link stays', async () => {
    const dir = tempDir();
    writeFileSync(dir.join('real.conf'), 'old\n');
    symlinkSync(dir.join('real.conf'), dir.join('link.conf'));
    await shell.writeFileAtomic(dir.join('link.conf'), 'new\n');
    expect(readFileSync(dir.join('real.conf'), 'utf8')).toBe('new\n');
    expect(statSync(dir.join('link.conf')).isFile()).toBe(true);
  });

  it('reports a directory it cannot write to as an ExecError', async () => {
    const error = await shell.writeFileAtomic('/proc/shipgate/app.conf', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecError);
    expect((error as ExecError).message).toMatch(/^Command 'write \/proc\/shipgate\/app\.conf' could not run/);
  });

  it('removes files, a missing one included', async () => {
    const file = tempDir().join('gone.conf');
    writeFileSync(file, 'x');
    await shell.removeFile(file);
    await shell.removeFile(file);
    expect(existsSync(file)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { FakeShell } from '@shipgate/exec/testing';
import { GitClient } from './git-client.js';

const ok = (stdout = '') => ({ code: 0, stdout, stderr: '' });

describe('GitClient', () => {
  it('runs git without a shell in the scanned directory, with literal top-level pathspecs for a renamed file', async () => {
    const shell = new FakeShell(() => ok('@@ -0,0 +3,2 @@\n+a\n+b\n'));
    const ranges = await new GitClient(shell, '/repo/app').addedLines('b'.repeat(40), 'h'.repeat(40), {
      path: 'src/new :name.ts',
      from: 'src/old.ts',
      added: 2,
    });
    expect(ranges).toEqual([[3, 4]]);
    const call = shell.calls[0]!;
    expect(call.kind === 'run' && call.argv).toEqual([
      'git',
      '-C',
      '/repo/app',
      '-c',
      'core.quotePath=false',
      'diff',
      '-U0',
      '-M',
      '--no-color',
      '--no-ext-diff',
      'b'.repeat(40),
      'h'.repeat(40),
      '--',
      ':(top,literal)src/old.ts',
      ':(top,literal)src/new :name.ts',
    ]);
  });

  it('names a commit missing from the clone and says to fetch the history', async () => {
    const shell = new FakeShell(() => ({ code: 1, stdout: '', stderr: '' }));
    await expect(new GitClient(shell, '/repo').resolveCommit('abc123', 'input base')).rejects.toMatchObject({
      message: 'The commit abc123 (input base) is not in the clone.',
      hint: expect.stringContaining('fetch-depth: 0'),
    });
  });

  it('explains dubious ownership (a container job) instead of a bare git error', async () => {
    const stderr = "fatal: detected dubious ownership in repository at '/__w/app/app'\n";
    const shell = new FakeShell(() => ({ code: 128, stdout: '', stderr }));
    await expect(new GitClient(shell, '/repo').topLevel()).rejects.toMatchObject({
      message: "git rev-parse failed: fatal: detected dubious ownership in repository at '/__w/app/app'",
      hint: expect.stringContaining('safe.directory'),
    });
  });

  it('reads sizes of many files in one cat-file call, undefined for what is not a file there', async () => {
    const shell = new FakeShell(() => ok('blob 12\nmissing\ncommit 0\n'));
    const sizes = await new GitClient(shell, '/repo').sizes('h', ['a.ts', 'gone.ts', 'submodule']);
    expect([...sizes]).toEqual([
      ['a.ts', 12],
      ['gone.ts', undefined],
      ['submodule', undefined],
    ]);
    const call = shell.calls[0]!;
    expect(call.kind === 'run' && call.input).toBe('h:a.ts\nh:gone.ts\nh:submodule\n');
  });
});

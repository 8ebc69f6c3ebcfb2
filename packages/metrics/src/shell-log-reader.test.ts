import { describe, expect, it, vi } from 'vitest';
import { shellLogReader, type LogShell } from './shell-log-reader.js';

const done = (stdout: string) => ({ code: 0, stdout, stderr: '' });

function shell(run: LogShell['run']): LogShell & { run: ReturnType<typeof vi.fn> } {
  return { describe: () => 'deploy@10.0.0.5', run: vi.fn(run) };
}

describe('shellLogReader', () => {
  it('runs stat for the size, then tail from the byte after the offset', async () => {
    const sh = shell(async (argv) => done(argv[0] === 'stat' ? '120\n' : 'line\n'));
    expect(await shellLogReader(sh).read('/var/log/nginx/shipgate.log', 100)).toEqual({ text: 'line\n', size: 120 });
    expect(sh.run.mock.calls.map(([argv]) => argv)).toEqual([
      ['stat', '-c', '%s', '/var/log/nginx/shipgate.log'],
      ['tail', '-c', '+101', '/var/log/nginx/shipgate.log'],
    ]);
  });

  it('does not run tail when nothing was appended', async () => {
    const sh = shell(async () => done('120\n'));
    expect(await shellLogReader(sh).read('/log', 120)).toEqual({ text: '', size: 120 });
    expect(sh.run).toHaveBeenCalledTimes(1);
  });

  it('returns undefined for a missing file', async () => {
    const sh = shell(async () => ({
      code: 1,
      stdout: '',
      stderr: "stat: cannot statx '/log': No such file or directory\n",
    }));
    expect(await shellLogReader(sh).read('/log', 0)).toBeUndefined();
  });

  it('throws other failures with what the command said, and what the shell throws', async () => {
    const denied = shell(async (argv) =>
      argv[0] === 'stat'
        ? done('9\n')
        : { code: 1, stdout: '', stderr: "tail: cannot open '/log' for reading: Permission denied" },
    );
    await expect(shellLogReader(denied).read('/log', 0)).rejects.toThrow(
      /Command 'tail -c \+1 \/log' exited with code 1: tail: cannot open .*Permission denied/,
    );
    const odd = shell(async () => done('stat: illegal option -- c'));
    await expect(shellLogReader(odd).read('/log', 0)).rejects.toThrow(/expected a size in bytes/);
    const unreachable = shell(async () =>
      Promise.reject(new Error('ssh: connect to host 10.0.0.5 port 22: Connection refused')),
    );
    await expect(shellLogReader(unreachable).read('/log', 0)).rejects.toThrow(/Connection refused/);
  });
});

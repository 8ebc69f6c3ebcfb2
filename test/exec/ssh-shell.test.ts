import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { pollUntil } from '../support/poll.js';
import { ExecError, InputError } from '@shipgate/core';
import { SshShell, type SshShellOptions } from '@shipgate/exec';
import {
  createTempDir,
  generateKeyPair,
  getFreePort,
  knownHostsLine,
  processesMentioning,
  startSshd,
  useService,
  type Sshd,
} from '../support/services/index.js';

function optionsFor(sshd: Sshd, overrides: Partial<SshShellOptions> = {}): SshShellOptions {
  return {
    host: sshd.host,
    port: sshd.port,
    user: sshd.user,
    privateKey: sshd.privateKey,
    knownHosts: sshd.knownHostsLine,
    ...overrides,
  };
}

async function openShell(options: SshShellOptions): Promise<SshShell> {
  const shell = await SshShell.open(options);
  onTestFinished(() => shell.close());
  return shell;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function privateDirs(parent: string): string[] {
  return readdirSync(parent).filter((name) => name.startsWith('shipgate-ssh-'));
}

describe('SshShell against a real sshd', () => {
  it('runs argv remotely with every element arriving intact', async () => {
    const sshd = await useService(startSshd());
    const shell = await openShell(optionsFor(sshd));
    expect(shell.describe()).toBe(`${sshd.user}@127.0.0.1:${sshd.port}`);
    const tricky = [
      'a b',
      `it's`,
      '"double"',
      '$HOME',
      '$(touch /tmp/shipgate-pwned)',
      '`id`',
      'x; rm -rf /tmp/nothing',
      '*',
      '',
      'new\nline',
      '{weight}',
    ];
    const result = await shell.run([
      process.execPath,
      '-e',
      'console.log(JSON.stringify(process.argv.slice(1)))',
      ...tricky,
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(tricky);
    expect(existsSync('/tmp/shipgate-pwned')).toBe(false);
  });

  it('passes stdin, exit codes and stderr through', async () => {
    const sshd = await useService(startSshd());
    const shell = await openShell(optionsFor(sshd));
    expect(await shell.run(['cat'], { input: 'hello\nworld\n' })).toEqual({
      code: 0,
      stdout: 'hello\nworld\n',
      stderr: '',
    });
    expect(await shell.run(['sh', '-c', 'echo oops >&2; exit 3'])).toEqual({ code: 3, stdout: '', stderr: 'oops\n' });
  });

  it('reads, writes atomically keeping the mode, and removes files', async () => {
    const sshd = await useService(startSshd());
    const shell = await openShell(optionsFor(sshd));
    const dir = createTempDir('ssh-files');
    onTestFinished(() => dir.remove());
    const file = dir.join('upstream.conf');
    expect(await shell.readFile(file)).toBeUndefined();
    await shell.writeFileAtomic(file, 'first\n');
    expect(readFileSync(file, 'utf8')).toBe('first\n');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o640);
    await shell.writeFileAtomic(file, "second 'with' $quotes\n");
    expect(await shell.readFile(file)).toBe("second 'with' $quotes\n");
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir.path)).toEqual(['upstream.conf']);
    await shell.removeFile(file);
    await shell.removeFile(file);
    expect(existsSync(file)).toBe(false);
  });

  it('keeps the key in a private file while open and removes it on close', async () => {
    const sshd = await useService(startSshd());
    const parent = createTempDir('ssh-parent');
    onTestFinished(() => parent.remove());
    const shell = await SshShell.open(optionsFor(sshd, { tempDir: parent.path }));
    const [dir] = privateDirs(parent.path);
    expect(dir).toBeDefined();
    expect(statSync(`${parent.path}/${dir}`).mode & 0o777).toBe(0o700);
    expect(statSync(`${parent.path}/${dir}/key`).mode & 0o777).toBe(0o600);
    await shell.close();
    await shell.close();
    expect(privateDirs(parent.path)).toEqual([]);
    await expect(shell.run(['true'])).rejects.toThrow(/closed/);
  });

  it('ends its master on close: no ssh process names its directory afterwards', async () => {
    const sshd = await useService(startSshd());
    const parent = createTempDir('ssh-parent');
    onTestFinished(() => parent.remove());
    const shell = await SshShell.open(optionsFor(sshd, { tempDir: parent.path }));
    expect(processesMentioning(parent.path)).not.toEqual([]);
    await shell.close();
    await pollUntil(() => processesMentioning(parent.path).length === 0, {
      timeoutMs: 10_000,
      description: 'the master to end',
    }).catch(() => undefined);
    expect(processesMentioning(parent.path)).toEqual([]);
  });

  it('opens the shared connection again when it has gone (it closes itself when idle)', async () => {
    const sshd = await useService(startSshd());
    const parent = createTempDir('ssh-parent');
    onTestFinished(() => parent.remove());
    const shell = await openShell(optionsFor(sshd, { tempDir: parent.path }));
    const control = `${parent.path}/${privateDirs(parent.path)[0]}/control`;
    expect(existsSync(control)).toBe(true);
    // What ControlPersist does after the idle time: the master exits and removes its socket.
    spawnSync('ssh', ['-F', '/dev/null', '-o', `ControlPath=${control}`, '-O', 'exit', 'shipgate-test'], {
      stdio: 'ignore',
    });
    await pollUntil(() => !existsSync(control), { timeoutMs: 10_000, description: 'the master to go' });
    expect(await shell.run(['echo', 'again'])).toMatchObject({ code: 0, stdout: 'again\n' });
    expect(existsSync(control)).toBe(true);
  });

  it('rejects a host whose key is not in ssh-known-hosts, with the ssh-keyscan hint', async () => {
    const sshd = await useService(startSshd());
    const other = createTempDir('other-host-key');
    onTestFinished(() => other.remove());
    const impostor = await generateKeyPair(other.join('host_key'), 'impostor');
    const error = await rejection(
      SshShell.open(
        optionsFor(sshd, { knownHosts: knownHostsLine(sshd.host, sshd.port, impostor.publicKey), tempDir: other.path }),
      ),
    );
    expect(error).toBeInstanceOf(ExecError);
    expect(error.message).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
    expect((error as ExecError).hint).toContain(`check ssh-known-hosts: run 'ssh-keyscan -p ${sshd.port} 127.0.0.1'`);
    expect(privateDirs(other.path)).toEqual([]);
  });

  it('connects to an unknown host only when host key checking is explicitly off, and warns', async () => {
    const sshd = await useService(startSshd());
    const warnings: string[] = [];
    const shell = await openShell(
      optionsFor(sshd, { knownHosts: undefined, hostKeyChecking: false, warn: (m) => warnings.push(m) }),
    );
    expect((await shell.run(['echo', 'in'])).stdout).toBe('in\n');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Host key checking is off for 127\.0\.0\.1/);
    const error = await rejection(SshShell.open(optionsFor(sshd, { knownHosts: undefined })));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/Input 'ssh-known-hosts' is required while host key checking is on/);
  });

  it('explains a refused key (permission denied) without printing it', async () => {
    const sshd = await useService(startSshd());
    const other = createTempDir('other-user-key');
    onTestFinished(() => other.remove());
    const stranger = await generateKeyPair(other.join('id'), 'stranger');
    const error = await rejection(SshShell.open(optionsFor(sshd, { privateKey: stranger.privateKey })));
    expect(error).toBeInstanceOf(ExecError);
    expect(error.message).toMatch(/Permission denied \(publickey/);
    expect((error as ExecError).hint).toMatch(/authorized_keys/);
    expect(`${error.message}${(error as ExecError).hint}`).not.toContain(stranger.privateKey.split('\n')[1]);
  });

  it('explains a refused connection', async () => {
    const sshd = await useService(startSshd());
    const port = await getFreePort();
    const error = await rejection(
      SshShell.open(
        optionsFor(sshd, {
          port,
          knownHosts: knownHostsLine(
            sshd.host,
            port,
            'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
          ),
        }),
      ),
    );
    expect(error).toBeInstanceOf(ExecError);
    expect(error.message).toMatch(/Connection refused/);
    expect((error as ExecError).hint).toMatch(
      new RegExp(`Nothing accepts SSH connections on 127\\.0\\.0\\.1 port ${port}`),
    );
  });

  it('refuses an unreadable key before connecting, naming ssh-key and never echoing it', async () => {
    const sshd = await useService(startSshd());
    const lines = sshd.privateKey.trim().split('\n');
    const corrupted = [lines[0], ...lines.slice(1, -1).map((l) => l.replace(/[A-Za-z]/g, 'A')), lines.at(-1)].join(
      '\n',
    );
    const cases: [string, RegExp][] = [
      ['not a key at all', /Input 'ssh-key' is not a private key/],
      ['', /Input 'ssh-key' is empty/],
      ['/home/runner/.ssh/id_ed25519', /looks like a file path/],
      [`${readFileSync(`${sshd.privateKeyPath}.pub`, 'utf8')}`, /holds a public key/],
      [corrupted, /Input 'ssh-key' could not be loaded as a private key/],
    ];
    for (const [privateKey, message] of cases) {
      const error = await rejection(SshShell.open(optionsFor(sshd, { privateKey })));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toMatch(message);
      if (privateKey.length > 40) expect(error.message).not.toContain(privateKey.trim().split('\n')[1]);
    }
    // None of these reached sshd.
    expect(sshd.log()).not.toMatch(/Accepted|Failed|Connection from/);
  });

  it('accepts a key pasted with CRLF line ends and no final newline', async () => {
    const sshd = await useService(startSshd());
    const shell = await openShell(optionsFor(sshd, { privateKey: sshd.privateKey.trim().replace(/\n/g, '\r\n') }));
    expect((await shell.run(['echo', 'ok'])).stdout).toBe('ok\n');
  });

  it('reuses one connection for every command', async () => {
    const sshd = await useService(startSshd());
    const shell = await openShell(optionsFor(sshd));
    for (let i = 0; i < 5; i++) await shell.run(['true']);
    expect(sshd.log().match(/Accepted publickey/g) ?? []).toHaveLength(1);
  });
});

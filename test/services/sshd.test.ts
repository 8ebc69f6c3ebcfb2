import { existsSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  createTempDir,
  generateKeyPair,
  isPortOpen,
  isProcessAlive,
  knownHostsLine,
  runCommand,
  startSshd,
  useService,
} from '../support/services/index.js';

describe('startSshd', () => {
  it('runs a command over real ssh with key auth and strict host key checking', async () => {
    const sshd = await useService(startSshd());
    expect(sshd.host).toBe('127.0.0.1');
    expect(sshd.user).toBe(userInfo().username);
    expect(sshd.knownHostsLine).toMatch(new RegExp(`^\\[127\\.0\\.0\\.1\\]:${sshd.port} ssh-ed25519 AAAA[\\w+/=]+$`));
    expect(sshd.privateKey).toContain('BEGIN OPENSSH PRIVATE KEY');

    const result = await sshd.exec('echo hello && whoami');
    expect(result).toEqual({ code: 0, stdout: `hello\n${sshd.user}\n`, stderr: '' });
    expect(await sshd.exec('cat; exit 3', { input: 'from stdin' })).toMatchObject({ code: 3, stdout: 'from stdin' });
  });

  it('refuses a key that is not authorised', async () => {
    const sshd = await useService(startSshd());
    const dir = createTempDir('wrong-key');
    try {
      const wrong = await generateKeyPair(dir.join('id_ed25519'));
      const result = await sshd.exec('echo hello', { identityFile: wrong.privateKeyPath });
      expect(result.code).toBe(255);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/Permission denied \(publickey\)/);
    } finally {
      dir.remove();
    }
  });

  it('rejects a server whose host key does not match known_hosts', async () => {
    const sshd = await useService(startSshd());
    const dir = createTempDir('wrong-host');
    try {
      const other = await generateKeyPair(dir.join('other_host_key'));
      const knownHosts = dir.join('known_hosts');
      writeFileSync(knownHosts, `${knownHostsLine(sshd.host, sshd.port, other.publicKey)}\n`);
      const mismatched = await sshd.exec('echo hello', { knownHostsFile: knownHosts });
      expect(mismatched.code).toBe(255);
      expect(mismatched.stdout).toBe('');
      expect(mismatched.stderr).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED[\s\S]*Host key verification failed/);

      writeFileSync(knownHosts, '');
      const unknown = await sshd.exec('echo hello', { knownHostsFile: knownHosts });
      expect(unknown.code).toBe(255);
      expect(unknown.stderr).toMatch(
        /No ED25519 host key is known for \[127\.0\.0\.1\]:\d+[\s\S]*Host key verification failed/,
      );
    } finally {
      dir.remove();
    }
  });

  it('gives ssh arguments a provider can use as they are', async () => {
    const sshd = await useService(startSshd());
    const result = await runCommand('ssh', [...sshd.sshArgs(), 'printf %s "$((6 * 7))"']);
    expect(result).toEqual({ code: 0, stdout: '42', stderr: '' });
  });

  it('closes its port, exits and removes its keys on stop()', async () => {
    const sshd = await useService(startSshd());
    expect(await isPortOpen(sshd.port)).toBe(true);
    await sshd.stop();
    await sshd.stop();
    expect(await isPortOpen(sshd.port)).toBe(false);
    expect(isProcessAlive(sshd.pid)).toBe(false);
    expect(existsSync(sshd.privateKeyPath)).toBe(false);
    expect(existsSync(sshd.configPath)).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { requireBinary } from '../require-binary.js';
import { ServiceCommandError } from './errors.js';
import { runCommand, shellQuote } from './run-command.js';

/** An ed25519 key pair on disk, made by ssh-keygen. */
export interface SshKeyPair {
  privateKeyPath: string;
  publicKeyPath: string;
  /** The private key file's text (OpenSSH format). */
  privateKey: string;
  /** `ssh-ed25519 AAAA... comment`. */
  publicKey: string;
}

/**
 * Generates an unencrypted ed25519 key pair at `path` and `path.pub` with ssh-keygen (mode 0600, as ssh
 * demands of private keys).
 * @throws ServiceCommandError when ssh-keygen fails.
 */
export async function generateKeyPair(path: string, comment = 'shipgate-test'): Promise<SshKeyPair> {
  const args = ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path];
  const keygen = requireBinary('ssh-keygen');
  const result = await runCommand(keygen, args);
  if (result.code !== 0)
    throw new ServiceCommandError(shellQuote([keygen, ...args]), result.code, result.stderr + result.stdout);
  return {
    privateKeyPath: path,
    publicKeyPath: `${path}.pub`,
    privateKey: readFileSync(path, 'utf8'),
    publicKey: readFileSync(`${path}.pub`, 'utf8').trim(),
  };
}

/** A known_hosts line for a server on a non-standard port: `[host]:port <type> <key>` (comment dropped). */
export function knownHostsLine(host: string, port: number, publicKey: string): string {
  const [type, key] = publicKey.trim().split(/\s+/);
  return `${port === 22 ? host : `[${host}]:${port}`} ${type} ${key}`;
}

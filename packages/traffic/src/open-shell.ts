import { LocalShell } from '@shipgate/exec';
import type { Shell } from '@shipgate/exec';
import { SshShell } from '@shipgate/exec';
import type { SshSettings } from './read-inputs.js';

/** The shell nginx's commands and files go through: this runner, or the host the `ssh-*` inputs name. */
export async function openShell(
  ssh: SshSettings | undefined,
  options: { warn: (message: string) => void; tempDir: string },
): Promise<Shell> {
  if (!ssh) return new LocalShell();
  return SshShell.open({
    host: ssh.host,
    user: ssh.user,
    port: ssh.port,
    privateKey: ssh.key,
    ...(ssh.knownHosts ? { knownHosts: ssh.knownHosts } : {}),
    hostKeyChecking: ssh.strictHostKeyChecking,
    warn: options.warn,
    tempDir: options.tempDir,
  });
}

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian packages that provide the binaries the service fixtures start. */
export const DEBIAN_PACKAGES: Record<string, string> = {
  nginx: 'nginx',
  prometheus: 'prometheus',
  sshd: 'openssh-server',
  ssh: 'openssh-client',
  'ssh-keygen': 'openssh-client',
  'prometheus-blackbox-exporter': 'prometheus-blackbox-exporter',
};

const SEARCH_PATH = ['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/sbin', '/usr/local/bin'];

/**
 * Finds a service binary or throws with the exact install command. A missing tool never skips a test:
 * the test fails, in CI and locally alike, so a green run always means the real service ran.
 */
export function requireBinary(name: string): string {
  for (const dir of [...(process.env.PATH ?? '').split(':').filter(Boolean), ...SEARCH_PATH]) {
    const candidate = `${dir}/${name}`;
    if (existsSync(candidate)) return candidate;
  }
  try {
    return execFileSync('which', [name], { encoding: 'utf8' }).trim();
  } catch {
    const pkg = DEBIAN_PACKAGES[name] ?? name;
    throw new Error(
      `'${name}' is not installed. Install it with: sudo apt-get update && sudo apt-get install -y ${pkg}`,
    );
  }
}

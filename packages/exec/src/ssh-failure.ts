/**
 * ssh exits with 255 when it, rather than the remote command, failed. Its message says why; this turns the
 * common reasons into a hint that says what to change. The key itself never appears: ssh does not print it.
 */
import { keyscanCommand } from './known-hosts.js';
import { SSH_INPUTS } from './ssh-inputs.js';

/** Where ssh tried to connect. */
export interface SshEndpoint {
  host: string;
  port: number;
  user: string;
}

/** ssh's own exit code for its failures. */
export const SSH_FAILURE_CODE = 255;

const RULES: { pattern: RegExp; hint: (e: SshEndpoint) => string }[] = [
  {
    pattern:
      /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|host key is known for|Host key for .* has changed/i,
    hint: (e) =>
      `The host's key is not the one in ${SSH_INPUTS.knownHosts}: check ssh-known-hosts: run '${keyscanCommand(e.host, e.port)}' from a machine you trust and compare. If the host was rebuilt, update the secret; if not, someone may be in the middle.`,
  },
  {
    pattern: /Permission denied \(|Too many authentication failures/i,
    hint: (e) =>
      `${e.user}@${e.host} refused ${SSH_INPUTS.key}: add its public key (ssh-keygen -y -f key) to ~${e.user}/.ssh/authorized_keys on the host, and check ${SSH_INPUTS.user}.`,
  },
  {
    pattern: /Connection refused/i,
    hint: (e) =>
      `Nothing accepts SSH connections on ${e.host} port ${e.port}: check ${SSH_INPUTS.host} and ${SSH_INPUTS.port}, and that sshd runs there.`,
  },
  {
    pattern: /Could not resolve hostname|Name or service not known|nodename nor servname/i,
    hint: (e) => `The runner cannot resolve ${JSON.stringify(e.host)}: check ${SSH_INPUTS.host}.`,
  },
  {
    pattern: /timed out|No route to host|Network is unreachable/i,
    hint: (e) =>
      `${e.host} port ${e.port} did not answer: check ${SSH_INPUTS.host} and ${SSH_INPUTS.port}, and that a firewall or security group lets the runner's address in (GitHub-hosted runners connect from changing public addresses).`,
  },
  {
    pattern: /Connection (closed|reset) by|kex_exchange_identification|banner exchange/i,
    hint: (e) =>
      `${e.host} closed the connection before logging in: sshd may limit who can connect (AllowUsers, MaxStartups, fail2ban) or ${SSH_INPUTS.port} may not be an SSH port.`,
  },
];

/**
 * A hint for ssh's failure, or `undefined` when the output is not one of ssh's connection or login
 * failures (the remote command itself may then have exited with 255).
 */
export function sshFailureHint(stderr: string, endpoint: SshEndpoint): string | undefined {
  return RULES.find((rule) => rule.pattern.test(stderr))?.hint(endpoint);
}

/** ssh's message without the noise lines ssh adds around it (banners of asterisks, blank lines). */
export function cleanSshOutput(stderr: string): string {
  return stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^@+$/.test(line))
    .join('\n');
}

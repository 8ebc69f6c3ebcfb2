import { checkKnownHosts, checkSshDestination, normalisePrivateKey } from '@shipgate/exec';
import { InputError, type ActionInputs } from '@shipgate/kit';
import { NGINX_INPUT_TABLE, SSH_INPUT_TABLE } from './input-table.js';
import { parseSplit, type SplitMode } from './targets.js';

/**
 * Settings shared by the actions that move traffic (canary-deploy, rollback), read from their inputs tables
 * (which spread NGINX_INPUT_TABLE and SSH_INPUT_TABLE). Everything that can be checked without a connection is
 * checked here, before the first side effect.
 */

/** Where nginx's commands run and its files live, when it is another host. */
export interface SshSettings {
  /** Host name or address to connect to. */
  host: string;
  /** The user on the host. */
  user: string;
  /** The private key (a secret, masked when read), with LF line ends and a final newline. */
  key: string;
  /** The SSH port. */
  port: number;
  /** known_hosts lines for the host, when host key checking is on. */
  knownHosts: string | undefined;
  /** Whether the host key is verified. */
  strictHostKeyChecking: boolean;
}

/** The nginx provider's settings besides its servers. */
export interface NginxSettings {
  /** The upstream name Shipgate writes. */
  upstream: string;
  /** The absolute path of the upstream file Shipgate owns, on the nginx host. */
  upstreamFile: string;
  /** Checks the configuration (argv). */
  testCommand: string[];
  /** Applies the configuration (argv). */
  reloadCommand: string[];
  /** nginx's pid file, when given. */
  pidFile: string | undefined;
  /** How requests are divided between the sides. */
  split: SplitMode;
}

/** `nginx-upstream`, `nginx-upstream-file`, the test and reload commands, the pid file and the split. */
export function readNginxSettings<T extends typeof NGINX_INPUT_TABLE>(all: ActionInputs<T>): NginxSettings {
  const inputs: ActionInputs<typeof NGINX_INPUT_TABLE> = all.view(NGINX_INPUT_TABLE);
  const mode = inputs.get('nginx-split');
  return {
    upstream: inputs.get('nginx-upstream'),
    upstreamFile: inputs.require(
      'nginx-upstream-file',
      'the absolute path of the upstream file Shipgate owns, such as /etc/nginx/conf.d/shipgate-upstream.conf',
    ),
    testCommand: inputs.get('nginx-test-command'),
    reloadCommand: inputs.get('nginx-reload-command'),
    pidFile: inputs.get('nginx-pid-file'),
    split: parseSplit(mode, inputs.get('nginx-sticky-key')),
  };
}

/** The `ssh-*` inputs, or `undefined` when `ssh-host` is not set (everything then runs on the runner). */
export function readSshSettings<T extends typeof SSH_INPUT_TABLE>(all: ActionInputs<T>): SshSettings | undefined {
  const inputs: ActionInputs<typeof SSH_INPUT_TABLE> = all.view(SSH_INPUT_TABLE);
  const host = inputs.get('ssh-host');
  if (host === undefined) return undefined;
  const port = inputs.get('ssh-port');
  const user = inputs.require('ssh-user', 'the SSH user, such as deploy (ssh-host is set)');
  const key = normalisePrivateKey(inputs.require('ssh-key', 'the private key, from a secret (ssh-host is set)'));
  checkSshDestination(host, user, port);
  const strict = inputs.get('ssh-strict-host-key-checking');
  const knownHosts = inputs.get('ssh-known-hosts');
  if (strict) {
    if (knownHosts === undefined) {
      throw new InputError(
        'ssh-known-hosts',
        undefined,
        `the host's known_hosts line(s), for example the output of: ssh-keyscan -p ${port} ${host}`,
        {
          hint: 'Host key checking is on (ssh-strict-host-key-checking: true), so the host key must be known.',
        },
      );
    }
    checkKnownHosts(knownHosts, host, port);
  }
  return { host, user, key, port, knownHosts, strictHostKeyChecking: strict };
}

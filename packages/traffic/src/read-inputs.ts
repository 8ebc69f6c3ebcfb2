import { InputError, type InputReader } from '@shipgate/kit';
import { parseCommandLine } from '@shipgate/core';
import { parseSplit, type SplitMode } from './targets.js';

/**
 * Input readers shared by the actions that move traffic (canary-deploy, rollback): servers, commands, the nginx
 * settings and SSH. Each names its input, the value seen and what is allowed.
 */

/** Where nginx's commands run and its files live, when it is another host. */
export interface SshSettings {
  host: string;
  user: string;
  /** The private key (a secret, masked when read). */
  key: string;
  port: number;
  knownHosts: string | undefined;
  strictHostKeyChecking: boolean;
}

/** The nginx provider's settings besides its servers. */
export interface NginxSettings {
  upstream: string;
  upstreamFile: string;
  testCommand: string[];
  reloadCommand: string[];
  pidFile: string | undefined;
  split: SplitMode;
}

const TARGET = /^(?:unix:\/\S+|\[[0-9a-fA-F:]+\]:\d{1,5}|[A-Za-z0-9.-]+:\d{1,5})$/;

/** Servers as `host:port` (or `unix:/path`), comma- or newline-separated; required unless `optional`. */
export function readTargets(inputs: InputReader, name: string, optional = false): string[] {
  const list = inputs.list(name);
  if (list.length === 0) {
    if (optional) return [];
    throw new InputError(name, undefined, 'one or more servers as host:port, comma-separated (for example 10.0.0.5:8080,10.0.0.6:8080)');
  }
  const bad = list.find((t) => !TARGET.test(t));
  if (bad !== undefined) throw new InputError(name, list.join(','), 'servers as host:port (or unix:/path), comma-separated', { hint: `'${bad}' is not host:port.` });
  return list;
}

/** A command line split into arguments (no shell); `undefined` when not given and not required. */
export function readCommand(inputs: InputReader, name: string, required: boolean, example = './deploy/set-weight.sh {weight} {version}'): string[] | undefined {
  const text = required ? inputs.requiredString(name, `a command line, such as ${example}`) : inputs.string(name);
  if (text === undefined) return undefined;
  try {
    return parseCommandLine(text, name);
  } catch (error) {
    throw new InputError(name, text, 'a command with arguments, without shell operators (wrap pipes or && in a script)', { hint: error instanceof Error ? error.message : String(error) });
  }
}

/** `nginx-upstream`, `nginx-upstream-file`, the test and reload commands, the pid file and the split. */
export function readNginxSettings(inputs: InputReader): NginxSettings {
  const upstream = inputs.string('nginx-upstream', 'shipgate_app');
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(upstream)) throw new InputError('nginx-upstream', upstream, 'an nginx upstream name: letters, digits and _, not starting with a digit');
  return {
    upstream,
    upstreamFile: inputs.requiredString('nginx-upstream-file', 'the path of the upstream file Shipgate owns, such as /etc/nginx/conf.d/shipgate-upstream.conf'),
    testCommand: readCommand(inputs, 'nginx-test-command', false) ?? ['nginx', '-t'],
    reloadCommand: readCommand(inputs, 'nginx-reload-command', false) ?? ['nginx', '-s', 'reload'],
    pidFile: inputs.string('nginx-pid-file'),
    split: parseSplit(inputs.enum('nginx-split', ['weighted', 'sticky'] as const, 'weighted'), inputs.string('nginx-sticky-key', '$remote_addr')),
  };
}

/** The `ssh-*` inputs, or `undefined` when `ssh-host` is not set (everything then runs on the runner). */
export function readSshSettings(inputs: InputReader): SshSettings | undefined {
  const host = inputs.string('ssh-host');
  if (host === undefined) return undefined;
  const strict = inputs.boolean('ssh-strict-host-key-checking', true);
  const knownHosts = inputs.string('ssh-known-hosts');
  if (strict && knownHosts === undefined) {
    throw new InputError('ssh-known-hosts', undefined, `the host's known_hosts line(s), for example the output of: ssh-keyscan -p 22 ${host}`, { hint: 'Host key checking is on (ssh-strict-host-key-checking: true), so the host key must be known.' });
  }
  return {
    host,
    user: inputs.requiredString('ssh-user', 'the SSH user, such as deploy'),
    key: inputs.secret('ssh-key', { required: true }) as string,
    port: inputs.integer('ssh-port', 22, { min: 1, max: 65535 }),
    knownHosts,
    strictHostKeyChecking: strict,
  };
}

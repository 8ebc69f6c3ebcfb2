/**
 * Checks of the SSH settings that need no connection: where to connect, and whether `ssh-key` holds a private
 * key. They run before anything touches traffic, and never repeat the key in a message.
 */
import { inputProblem } from './input-problem.js';

/** Input names of the SSH settings, as action inputs and messages spell them. */
export const SSH_INPUTS = {
  host: 'ssh-host',
  user: 'ssh-user',
  key: 'ssh-key',
  port: 'ssh-port',
  knownHosts: 'ssh-known-hosts',
  hostKeyChecking: 'ssh-strict-host-key-checking',
} as const;

/**
 * Checks host, user and port. A value starting with `-` is refused outright: ssh would read it as an option
 * (`-oProxyCommand=...`).
 * @throws InputError naming the input.
 */
export function checkSshDestination(host: string, user: string, port: number): void {
  if (!/^[A-Za-z0-9_:][A-Za-z0-9._:%-]*$/.test(host)) {
    throw inputProblem(
      SSH_INPUTS.host,
      `must be a host name or an IP address (no brackets, user or port), got ${JSON.stringify(host)}.`,
    );
  }
  if (!/^[A-Za-z_][A-Za-z0-9._-]*\$?$/.test(user)) {
    throw inputProblem(SSH_INPUTS.user, `must be a user name on the host, got ${JSON.stringify(user)}.`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw inputProblem(SSH_INPUTS.port, `must be a port number from 1 to 65535, got ${JSON.stringify(port)}.`);
  }
}

const SECRET_HINT = `Store the whole private key file, from its -----BEGIN line to its -----END line, as a repository or environment secret and pass it as ${SSH_INPUTS.key}: \${{ secrets.DEPLOY_SSH_KEY }}.`;

/**
 * Checks that `text` looks like a private key and returns it the way ssh wants the file: LF line ends and a
 * final newline (a secret pasted from Windows, or trimmed by a form, otherwise fails as "invalid format").
 * Whether ssh can load it is checked next, with ssh-keygen (see `SshShell.open`).
 * @throws InputError naming `ssh-key`; the message never holds the key.
 */
export function normalisePrivateKey(text: string): string {
  const key = text.replace(/\r\n?/g, '\n').trim();
  if (key === '') throw inputProblem(SSH_INPUTS.key, 'is empty: it must hold a private key.', SECRET_HINT);
  if (!key.includes('\n') && /^(~|\.{0,2}\/)\S*$/.test(key)) {
    throw inputProblem(
      SSH_INPUTS.key,
      "looks like a file path: it takes the key's text, not where the key is stored.",
      SECRET_HINT,
    );
  }
  if (/^(ssh-|ecdsa-|sk-)\S+ [A-Za-z0-9+/=]+/.test(key)) {
    throw inputProblem(
      SSH_INPUTS.key,
      'holds a public key (the .pub file): it needs the private key that goes with it.',
      SECRET_HINT,
    );
  }
  if (key.startsWith('PuTTY-User-Key-File')) {
    throw inputProblem(
      SSH_INPUTS.key,
      'holds a PuTTY key, which OpenSSH cannot read.',
      "Convert it with 'puttygen key.ppk -O private-openssh -o key' and store the result.",
    );
  }
  const begin = /^-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----\n/.exec(key);
  const end = /\n-----END ([A-Z0-9 ]*)PRIVATE KEY-----$/.exec(key);
  if (!begin || !end || begin[1] !== end[1]) {
    const flattened = /^-----BEGIN [A-Z0-9 ]*PRIVATE KEY----- \S/.test(key)
      ? ' Its line breaks seem to have become spaces.'
      : '';
    throw inputProblem(
      SSH_INPUTS.key,
      `is not a private key: expected a block from '-----BEGIN OPENSSH PRIVATE KEY-----' to '-----END OPENSSH PRIVATE KEY-----' on lines of their own.${flattened}`,
      SECRET_HINT,
    );
  }
  return `${key}\n`;
}

/**
 * Turns ssh-keygen's complaint about the key file into a message about the input (ssh-keygen names the
 * file, never the key's content).
 */
export function describeKeyLoadFailure(output: string): { problem: string; hint: string } {
  if (/passphrase/i.test(output)) {
    return {
      problem: 'is protected by a passphrase, and ssh runs here without anyone to type it.',
      hint: `Use a key without a passphrase made for deployments only (ssh-keygen -t ed25519 -N '' -f deploy_key), authorised for ${SSH_INPUTS.user} on the host.`,
    };
  }
  return {
    problem: `could not be loaded as a private key (ssh-keygen: ${
      output
        .trim()
        .split('\n')
        .pop()
        ?.replace(/^.*?: /, '') ?? 'unknown error'
    }).`,
    hint: `The secret may be cut short or altered. ${SECRET_HINT}`,
  };
}

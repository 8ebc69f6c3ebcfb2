/**
 * The exec adapter: the one choke point for running commands and editing files on a host, locally or over
 * SSH, and for turning command-line inputs into argv safely.
 */
export type { RunOptions, RunResult, Shell } from './shell.js';
export { LocalShell } from './local-shell.js';
export { SshShell } from './ssh-shell.js';
export type { SshShellOptions } from './ssh-shell.js';
export { SSH_INPUTS, checkSshDestination, normalisePrivateKey } from './ssh-inputs.js';
export { checkKnownHosts, entryMatches, knownHostsName, parseKnownHosts } from './known-hosts.js';
export type { KnownHostsEntry } from './known-hosts.js';
export { sshFailureHint } from './ssh-failure.js';
export { quoteArgv } from './posix-quote.js';

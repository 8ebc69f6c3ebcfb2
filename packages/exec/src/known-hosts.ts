/**
 * known_hosts text (the `ssh-known-hosts` input), checked before any connection: each line must be a host
 * key line, and some line must name the host we connect to, so a missing or pasted-wrong value fails with a
 * message that says how to get the right one instead of ssh's "Host key verification failed".
 */
import { createHmac } from 'node:crypto';
import { inputProblem } from './input-problem.js';
import { SSH_INPUTS } from './ssh-inputs.js';

/** One host key line. */
export interface KnownHostsEntry {
  /** `@cert-authority` or `@revoked`, when the line has one. */
  marker: string | undefined;
  /** Host patterns: names, `[host]:port`, wildcards, `!negations`, or one hashed `|1|salt|hash` entry. */
  patterns: string[];
  keyType: string;
  line: number;
}

/** The ssh-keyscan command that prints the host's key lines. */
export function keyscanCommand(host: string, port: number): string {
  return `ssh-keyscan -p ${port} ${host}`;
}

function keyscanHint(host: string, port: number): string {
  return `Run '${keyscanCommand(host, port)}' from a machine you trust, check the fingerprints (ssh-keygen -lf) against the host's, and store the output in ${SSH_INPUTS.knownHosts}.`;
}

/**
 * Parses known_hosts text; blank lines and `#` comments are skipped.
 * @throws InputError naming `ssh-known-hosts` and the first line that is not a host key line.
 */
export function parseKnownHosts(text: string, host: string, port: number): KnownHostsEntry[] {
  const entries: KnownHostsEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    const marker = fields[0]?.startsWith('@') ? fields.shift() : undefined;
    const [hosts = '', keyType = '', key = ''] = fields;
    const problem =
      marker !== undefined && marker !== '@cert-authority' && marker !== '@revoked'
        ? `starts with the unknown marker ${marker}`
        : /^(ssh|ecdsa|sk)-/.test(hosts)
          ? 'has no host names: it looks like a bare public key'
          : !/^[\w@.-]+-[\w@.-]+$/.test(keyType) || !/^[A-Za-z0-9+/]{16,}={0,2}$/.test(key)
            ? 'is not "<hosts> <key type> <base64 key>"'
            : undefined;
    if (problem) {
      throw inputProblem(
        SSH_INPUTS.knownHosts,
        `is not known_hosts text: line ${index + 1} ${problem}. Each line must look like '[${host}]:${port} ssh-ed25519 AAAA...', as ssh-keyscan prints it.`,
        keyscanHint(host, port),
      );
    }
    entries.push({ marker, patterns: hosts.split(','), keyType, line: index + 1 });
  });
  return entries;
}

/** How ssh names a host in known_hosts: the bare name on port 22, `[host]:port` on any other port. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function hashedMatches(pattern: string, name: string): boolean {
  const [, magic, salt, hash] = pattern.split('|');
  if (magic !== '1' || salt === undefined || hash === undefined) return false;
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
}

function wildcardMatches(pattern: string, name: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'i').test(name);
}

/** Whether a line's host patterns select `host:port` (ssh's rules: any positive match and no negated one). */
export function entryMatches(entry: KnownHostsEntry, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  let matched = false;
  for (const pattern of entry.patterns) {
    if (pattern.startsWith('|')) matched ||= hashedMatches(pattern, name);
    else if (pattern.startsWith('!')) {
      if (wildcardMatches(pattern.slice(1), name)) return false;
    } else matched ||= wildcardMatches(pattern, name);
  }
  return matched;
}

/**
 * Checks that `text` is known_hosts text with a usable line for `host:port`.
 * @throws InputError naming `ssh-known-hosts`, with the ssh-keyscan command that gives the right line.
 */
export function checkKnownHosts(text: string, host: string, port: number): void {
  const entries = parseKnownHosts(text, host, port);
  if (entries.length === 0) {
    throw inputProblem(
      SSH_INPUTS.knownHosts,
      `is required while host key checking is on, and it holds no host key line.`,
      keyscanHint(host, port),
    );
  }
  if (!entries.some((entry) => entry.marker !== '@revoked' && entryMatches(entry, host, port))) {
    const names = [...new Set(entries.flatMap((e) => e.patterns.map((p) => (p.startsWith('|') ? '(hashed)' : p))))]
      .slice(0, 5)
      .join(', ');
    throw inputProblem(
      SSH_INPUTS.knownHosts,
      `has no line for ${knownHostsName(host, port)}, so ssh would refuse the host (the lines name ${names}). On a port other than 22 the line must start with '[${host}]:${port}'.`,
      keyscanHint(host, port),
    );
  }
}

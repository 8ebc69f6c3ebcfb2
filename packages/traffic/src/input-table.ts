/**
 * Inputs shared by the actions that move traffic (canary-deploy, rollback): the nginx provider's settings and
 * SSH. Plain data, read by the build without compiling: import only types here.
 */
import type { InputTable } from '@shipgate/kit';

/** The nginx provider's settings besides its servers. */
export const NGINX_INPUT_TABLE = {
  'nginx-upstream': {
    kind: 'text',
    default: 'shipgate_app',
    pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
    allowed: 'an nginx upstream name: letters, digits and _, not starting with a digit',
    description: 'nginx: the upstream name Shipgate writes (the site config proxies to it).',
  },
  'nginx-upstream-file': {
    kind: 'text',
    pattern: '^/',
    allowed: 'an absolute path, such as /etc/nginx/conf.d/shipgate-upstream.conf',
    description:
      'nginx: the file Shipgate owns and rewrites (include it from the http block), an absolute path on the nginx host; its directory must exist.',
  },
  'nginx-test-command': {
    kind: 'command',
    default: 'nginx -t',
    description: 'nginx: checks the configuration before it is applied.',
  },
  'nginx-reload-command': {
    kind: 'command',
    default: 'nginx -s reload',
    description: 'nginx: applies the configuration.',
  },
  'nginx-pid-file': {
    kind: 'text',
    pattern: '^/',
    allowed: 'an absolute path, such as /run/nginx.pid',
    description:
      'nginx: its pid file (such as /run/nginx.pid), which must exist. When given, each change returns only once the new workers serve it, and a reload nginx refused is caught and undone.',
  },
  'nginx-split': {
    kind: 'choice',
    choices: ['weighted', 'sticky'],
    default: 'weighted',
    description:
      'nginx: weighted (round-robin by weight) or sticky (split_clients on nginx-sticky-key, so a client stays on one version).',
  },
  'nginx-sticky-key': {
    kind: 'text',
    default: '$remote_addr',
    description: 'nginx: the key for sticky splitting, such as $remote_addr or $cookie_session.',
  },
} as const satisfies InputTable;

/** Where nginx's commands run and its files live, when it is another host. */
export const SSH_INPUT_TABLE = {
  'ssh-host': {
    kind: 'text',
    pattern: '^[A-Za-z0-9_:][A-Za-z0-9._:%-]*$',
    allowed: 'a host name or an IP address (no brackets, user or port)',
    description:
      'Run the nginx commands and read its files on this host over SSH (the way VMs are deployed from GitHub-hosted runners).',
  },
  'ssh-user': {
    kind: 'text',
    pattern: '^[A-Za-z_][A-Za-z0-9._-]*\\$?$',
    allowed: 'a user name on the host, such as deploy',
    description: 'SSH user (required with ssh-host).',
  },
  'ssh-key': { kind: 'secret', description: 'SSH private key, from a secret (required with ssh-host). Never printed.' },
  'ssh-port': { kind: 'integer', min: 1, max: 65535, default: '22', description: 'SSH port.' },
  'ssh-known-hosts': {
    kind: 'text',
    description:
      'known_hosts line(s) for the host (ssh-keyscan output). Required unless ssh-strict-host-key-checking is false.',
  },
  'ssh-strict-host-key-checking': {
    kind: 'boolean',
    default: 'true',
    description: 'Verify the host key. Turn off only for throwaway hosts.',
  },
} as const satisfies InputTable;

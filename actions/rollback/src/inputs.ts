/**
 * rollback: the one table of its inputs and outputs. action.yml, the README tables, the config schema and the
 * CLI help are generated from it (`npm run build`); plain data, so import only types and other tables.
 */
import type { ActionDefinition } from '@shipgate/kit';
import { COMMON_INPUTS, VERSION_SPEC } from '@shipgate/kit/inputs';
import { NGINX_INPUT_TABLE, SSH_INPUT_TABLE } from '@shipgate/traffic/inputs';

export const ACTION = {
  name: 'rollback',
  title: 'Shipgate rollback',
  description:
    'Returns an environment to its last good version, fast and once (a second run is a no-op), verified by probes, with the history kept in GitHub Deployments.',
  branding: { icon: 'rotate-ccw', color: 'red' },
  inputs: {
    provider: {
      kind: 'choice',
      choices: ['nginx', 'command'],
      default: 'nginx',
      description:
        'How traffic moves: nginx (the upstream file canary-deploy owns, locally or over SSH) or command (your rollback-command).',
    },
    to: {
      ...VERSION_SPEC,
      scope: 'step',
      description:
        'The version (or commit SHA) to go back to. Default: the newest successful deployment of another version than the current one.',
    },
    'expect-current': {
      ...VERSION_SPEC,
      scope: 'step',
      description:
        'Roll back only when this version is the one serving now; otherwise do nothing and say so. A release train uses it to undo only what it deployed, and a second rollback started by the same failure does not go back two versions.',
    },
    force: {
      kind: 'boolean',
      scope: 'step',
      default: 'false',
      description: "Allow a `to` that is not in the environment's history.",
    },
    emergency: {
      kind: 'boolean',
      scope: 'step',
      default: 'false',
      description:
        "Skip the pre-checks (history consistency, the current version's state); the old version is still started or checked before traffic moves, so nothing is left without a server.",
    },
    targets: {
      kind: 'targets',
      description:
        'nginx: the servers of the version to go back to, when the history does not record them (deployments not made by canary-deploy, or force).',
    },
    'current-targets': {
      kind: 'targets',
      description: 'nginx: the servers of the current version, when the history does not record them.',
    },
    'allowed-targets': {
      kind: 'targets',
      description:
        'nginx: servers rollback may send traffic to when it takes their addresses from the deployment history. Records can be written by anyone with deployments: write, so an address there is used only when the workflow declares it here (or in targets or current-targets).',
    },
    'trusted-creators': {
      kind: 'list',
      description:
        "nginx: logins whose deployment records are read for addresses. Default: the token's own identity (github-actions[bot] for a workflow's GITHUB_TOKEN). Records created by anyone else are never read for servers; name the bot login here if your deploy workflow writes records with another app's token.",
    },
    'deploy-command': {
      kind: 'command',
      description:
        'Starts the old version when its servers are not serving, templated with {version}; the switch waits until they pass the health check.',
    },
    'health-path': {
      kind: 'text',
      default: '/health',
      pattern: '^/\\S*$',
      allowed: 'a path starting with /, such as /health',
      description: "Path checked on each of the old version's servers before traffic moves.",
    },
    'health-timeout': {
      kind: 'duration',
      min: '1s',
      max: '1h',
      default: '2m',
      description: "How long to wait for the old version's servers to become healthy after deploy-command.",
    },
    'rollback-command': {
      kind: 'command',
      description:
        'command provider: run to put the old version back, templated with {version}; arguments are passed safely, without a shell.',
    },
    verify: {
      kind: 'file',
      description:
        'A probe file run after the switch (with wait-until-healthy); `verified` says whether it passed. A failed verification fails the step and does not roll back further.',
    },
    'verify-base-url': { kind: 'url', description: 'Base URL for the verification probes. Default: environment-url.' },
    'wait-until-healthy': {
      kind: 'duration',
      min: '0s',
      max: '1h',
      default: '1m',
      description: 'How long verification may wait for the service to become healthy.',
    },
    'max-duration': {
      kind: 'duration',
      min: '1s',
      max: '24h',
      default: '60s',
      description: 'Warn when the rollback (from start to verified) takes longer than this.',
    },
    'notify-webhook': {
      kind: 'secret',
      description:
        'A URL (from a secret) that receives a JSON message with environment, from, to, duration and result. A failure to notify is a warning.',
    },
    'environment-url': { kind: 'url', description: "The service's URL, linked from the GitHub Deployment." },
    ...NGINX_INPUT_TABLE,
    ...SSH_INPUT_TABLE,
    token: {
      kind: 'secret',
      scope: 'step',
      runnerDefault: '${{ github.token }}',
      description: 'Token for GitHub Deployments (needs deployments write); the history lives there.',
    },
    ...COMMON_INPUTS,
    environment: { ...COMMON_INPUTS.environment, default: 'production' },
  },
  outputs: {
    result: 'rolled-back, noop or failed.',
    'from-version': 'The version that was serving.',
    'to-version': 'The version serving now.',
    'duration-seconds': 'From start to verified (or to the switch, without verify).',
    verified: 'true when the verification probes passed, false when they failed, empty without verify.',
    reason: 'One sentence a person can act on.',
    'deployment-id': 'The GitHub Deployment recording this rollback.',
    report: 'Path of the JSON report (schema shipgate/rollback/v1).',
  },
} as const satisfies ActionDefinition;

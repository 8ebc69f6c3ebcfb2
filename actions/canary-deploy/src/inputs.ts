/**
 * canary-deploy: the one table of its inputs and outputs. action.yml, the README tables, the config schema and
 * the CLI help are generated from it (`npm run build`); plain data, so import only types and other tables.
 */
import type { ActionDefinition } from '@shipgate/kit';
import { COMMON_INPUTS, VERSION_SPEC } from '@shipgate/kit/inputs';
import { NGINX_INPUT_TABLE, SSH_INPUT_TABLE } from '@shipgate/traffic/inputs';

export const ACTION = {
  name: 'canary-deploy',
  title: 'Shipgate canary deploy',
  description:
    'Shifts traffic to a new version stage by stage, judges it against the stable version at every interval, and promotes it or rolls it back with a reason you can act on.',
  branding: { icon: 'git-pull-request', color: 'orange' },
  post: true,
  inputs: {
    version: {
      ...VERSION_SPEC,
      required: true,
      scope: 'step',
      description:
        'The version being rolled out (a tag, an image digest or a commit SHA). Recorded in the GitHub Deployment.',
    },
    provider: {
      kind: 'choice',
      choices: ['nginx', 'command'],
      default: 'nginx',
      description:
        'How traffic moves: nginx (an upstream file Shipgate owns, locally or over SSH) or command (your own commands).',
    },
    stages: {
      kind: 'stages',
      default: '5,10,25,50,100',
      description: 'Canary weights in percent, strictly increasing and ending at 100 (the promotion).',
    },
    'stage-duration': {
      kind: 'duration',
      min: '1s',
      max: '24h',
      default: '2m',
      description: 'How long each stage is held, such as 5m.',
    },
    'analysis-interval': {
      kind: 'duration',
      min: '200ms',
      max: '1h',
      default: '30s',
      description: 'How often the metrics are collected and judged within a stage (no longer than stage-duration).',
    },
    'warm-up': {
      kind: 'duration',
      min: '0s',
      max: '12h',
      description:
        'The first part of each stage, whose latency is shown but not judged: a new version starts cold (code not yet compiled, empty caches and pools). Errors are judged from the first request. At most half of stage-duration. Default: 30s, or a quarter of stage-duration when that is shorter.',
    },
    judge: {
      kind: 'choice',
      choices: ['statistical', 'threshold'],
      default: 'statistical',
      description:
        'statistical (canary against stable over the same window, sequential tests that stay valid across repeated looks) or threshold (absolute and relative limits).',
    },
    'min-samples': {
      kind: 'integer',
      min: 1,
      max: 10_000_000,
      default: '50',
      description: 'Requests each side needs in a stage before the stage can pass; with fewer, the stage is extended.',
    },
    'max-extension': {
      kind: 'duration',
      min: '0s',
      max: '24h',
      default: '2m',
      description: 'How long a stage may be extended while waiting for min-samples.',
    },
    'on-no-data': {
      kind: 'choice',
      choices: ['rollback', 'fail', 'continue'],
      default: 'rollback',
      description:
        'When a stage still lacks data after its extension: rollback, fail (leave traffic) or continue (advance without a verdict). A canary that stops receiving traffic (none in a stage while stable had some, or far below its weight) fails whatever this says.',
    },
    'on-failure': {
      kind: 'choice',
      choices: ['rollback', 'pause', 'fail'],
      default: 'rollback',
      description:
        'When the canary fails: rollback (all traffic to stable at once), pause (leave the weights, fail the step) or fail (fail without touching traffic).',
    },
    'max-metrics-failures': {
      kind: 'integer',
      min: 1,
      max: 1000,
      default: '3',
      description: 'Consecutive looks whose metrics cannot be read before on-failure applies.',
    },
    'max-error-rate': {
      kind: 'number',
      min: 0,
      max: 100,
      description:
        "Highest canary error rate in percent (threshold judge). Default: the environment's threshold (production 1, staging 2, development 5), else 5.",
    },
    'max-error-rate-increase': {
      kind: 'number',
      min: 0,
      max: 100,
      default: '0.5',
      description:
        "Highest increase of the canary error rate over stable's, in percentage points (both judges): the threshold judge's limit, and the statistical judge's floor, below which an increase never fails however certain.",
    },
    'max-latency-increase': {
      kind: 'number',
      min: 0,
      max: 1000,
      default: '10',
      description:
        "Highest increase of the canary p95 latency over stable's, in percent (both judges; the statistical judge's tolerance).",
    },
    'min-latency-increase-ms': {
      kind: 'number',
      min: 0,
      max: 60_000,
      default: '5',
      description:
        "A latency increase smaller than this many milliseconds never fails the canary, whatever max-latency-increase says (both judges): below what users notice. The source's resolution (1 ms for nginx logs) is added to it, since rounding alone can make a difference of one step.",
    },
    'max-p95-ms': {
      kind: 'number',
      min: 1,
      max: 600_000,
      description:
        "Highest canary p95 latency in milliseconds (threshold judge). Default: the environment's threshold (production 2000, staging 2500, development 3000), else 5000.",
    },
    alpha: {
      kind: 'number',
      min: 0.0001,
      max: 0.2,
      default: '0.01',
      description: 'Statistical judge: the chance of a false rollback over the whole rollout, all looks together.',
    },
    metrics: {
      kind: 'list',
      choices: ['prometheus', 'nginx-log', 'probes'],
      description:
        'Where the numbers come from: prometheus, nginx-log, probes, or several (comma-separated). Default: whichever of prometheus-url, nginx-access-log and probes is set.',
    },
    'stable-targets': {
      kind: 'targets',
      description: "nginx: the stable version's servers (host:port, comma-separated).",
    },
    'canary-targets': {
      kind: 'targets',
      description: "nginx: the canary version's servers (host:port, comma-separated).",
    },
    'baseline-targets': {
      kind: 'targets',
      description:
        "nginx: servers running a fresh instance of the stable version (host:port, comma-separated). When set, each stage gives the baseline the canary's weight (stable keeps 100 - 2 × weight, so stages before 100 go up to 50) and the canary is judged against the baseline instead of the whole stable fleet, which is warmer and busier. Needs metrics: nginx-log.",
    },
    ...NGINX_INPUT_TABLE,
    'nginx-access-log': {
      kind: 'text',
      pattern: '^/',
      allowed: 'an absolute path on the nginx host, such as /var/log/nginx/shipgate.log',
      description:
        "nginx-log metrics: the access log written with Shipgate's log format (see the README), an absolute path on the nginx host.",
    },
    ...SSH_INPUT_TABLE,
    'set-weight-command': {
      kind: 'command',
      description:
        'command provider: run at each stage, templated with {weight}, {version}, {stage}; arguments are passed safely, without a shell.',
    },
    'promote-command': {
      kind: 'command',
      description: 'command provider: run to promote (default: set-weight-command with weight 100).',
    },
    'abort-command': {
      kind: 'command',
      description: 'command provider: run to return all traffic to stable (default: set-weight-command with weight 0).',
    },
    'prometheus-url': {
      kind: 'url',
      description: 'prometheus metrics: the Prometheus server, such as http://prometheus:9090.',
    },
    'prometheus-version-label': {
      kind: 'text',
      default: 'version',
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      allowed: 'a Prometheus label name',
      description: 'prometheus metrics: the label that tells canary from stable.',
    },
    'stable-version': {
      ...VERSION_SPEC,
      scope: 'step',
      description:
        "The stable version's label value (prometheus metrics) and record. Default: the version of the environment's current deployment.",
    },
    'prometheus-canary-query': {
      kind: 'text',
      description:
        "prometheus metrics: custom PromQL for the canary's error count over the window ({version}, {interval} placeholders).",
    },
    'prometheus-baseline-query': {
      kind: 'text',
      description:
        "prometheus metrics: custom PromQL for the stable version's error count over the window ({version}, {interval} placeholders).",
    },
    probes: {
      kind: 'file',
      description:
        'probes metrics: a probe file run against canary-url and stable-url at every interval (also makes traffic when there is none).',
    },
    'canary-url': {
      kind: 'url',
      description: "probes metrics: the canary's own address. Default: http:// plus the first canary target.",
    },
    'stable-url': {
      kind: 'url',
      description: "probes metrics: the stable version's own address. Default: http:// plus the first stable target.",
    },
    'environment-url': { kind: 'url', description: "The deployed service's URL, linked from the GitHub Deployment." },
    approval: {
      kind: 'text',
      scope: 'step',
      description:
        "approval-gate's decision output. Kept in the GitHub Deployment's payload (approval), so the record says who approved, when and where; a decision other than approved stops the rollout before anything moves.",
    },
    token: {
      kind: 'secret',
      scope: 'step',
      runnerDefault: '${{ github.token }}',
      description: 'Token for GitHub Deployments (needs deployments write). Empty skips the records, with a warning.',
    },
    ...COMMON_INPUTS,
    environment: { ...COMMON_INPUTS.environment, default: 'production' },
  },
  outputs: {
    result: 'promoted, rolled-back or failed.',
    'final-weight': 'Canary weight in percent when the step ended.',
    'failed-stage': 'The 1-based stage that failed, when one did.',
    reason: 'One sentence a person can act on.',
    'duration-seconds': 'How long the rollout took.',
    'deployment-id': 'The GitHub Deployment recording this rollout.',
    'serving-version':
      'The version that takes all traffic now: the new version after a promotion, the stable one after a rollback; empty while traffic is split (on-failure: pause) or unknown.',
    'serving-targets':
      "nginx: the servers that take all traffic now (comma-separated), the canary's after a promotion and the stable ones after a rollback; empty while traffic is split. Store it (a repository variable, a file you deploy) and pass it as the next rollout's stable-targets.",
    report: 'Path of the JSON report (schema shipgate/canary-deploy/v1).',
  },
} as const satisfies ActionDefinition;

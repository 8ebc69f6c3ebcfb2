/**
 * synthetic-probes: the one table of its inputs and outputs. action.yml, the README tables, the config schema
 * and the CLI help are generated from it (`npm run build`); plain data, so import only types and other tables.
 */
import type { ActionDefinition } from '@shipgate/kit';
import { COMMON_INPUTS } from '@shipgate/kit/inputs';

export const ACTION = {
  name: 'synthetic-probes',
  title: 'Shipgate synthetic probes',
  description:
    'Probes a live service (HTTP checks and API flows, TCP, TLS expiry, WebSocket, DNS, security headers) and fails when it is unhealthy.',
  branding: { icon: 'activity', color: 'green' },
  inputs: {
    probes: {
      kind: 'file',
      default: '.github/probes.yml',
      description:
        'Probe file, relative to the working directory. When the default file does not exist, the `probes` section of the config file is used.',
    },
    'base-url': {
      kind: 'url',
      description:
        'Base URL for probes whose `url` is relative (starts with `/`), for example https://staging.example.com.',
    },
    suite: {
      kind: 'list',
      description:
        'Tags to run (comma-separated). Empty or `comprehensive` runs every probe; `quick` and `critical-path` are the conventional smaller suites.',
    },
    'success-threshold': {
      kind: 'number',
      min: 0,
      max: 1,
      default: '1',
      description:
        'Share of probes that must pass, from 0 to 1 (0.95 means 95%). Critical probes must pass whatever this says.',
    },
    retries: {
      kind: 'integer',
      min: 0,
      max: 10,
      description:
        'Retries after a network error or timeout (never after a wrong status or a failed assertion). Overrides the probe file when given.',
    },
    timeout: {
      kind: 'duration',
      min: '100ms',
      max: '10m',
      description: 'Deadline for each probe attempt, such as 10s. Overrides the probe file when given.',
    },
    'wait-until-healthy': {
      kind: 'duration',
      min: '1s',
      max: '1h',
      description:
        'Rerun the failing probes until the suite passes or this much time has passed, such as 2m. Empty runs the suite once.',
    },
    'wait-interval': {
      kind: 'duration',
      min: '100ms',
      max: '10m',
      default: '5s',
      description: 'Pause between rounds of wait-until-healthy.',
    },
    concurrency: { kind: 'integer', min: 1, max: 256, default: '10', description: 'Probes in flight at once.' },
    ...COMMON_INPUTS,
  },
  outputs: {
    result: 'pass or fail.',
    passed: 'Number of probes that passed (degraded included).',
    failed: 'Number of probes that failed.',
    'success-rate': 'Passed over total, from 0 to 1.',
    'p50-ms': 'Median probe latency in milliseconds.',
    'p95-ms': '95th percentile probe latency in milliseconds.',
    report: 'Path of the JSON report (schema shipgate/synthetic-probes/v1).',
  },
} as const satisfies ActionDefinition;

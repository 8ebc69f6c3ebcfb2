/**
 * preflight, the repository's root action: error-detection and security-scan in one step. Its inputs are theirs
 * (`parts`: action.yml and the README tables list them, each read from its action's section of the config file)
 * plus the few below, which are its own. Plain data, so import only types and other tables.
 */
import type { ActionDefinition } from '@shipgate/kit';
import { COMMON_INPUTS } from '@shipgate/kit/inputs';

export const ACTION = {
  name: 'preflight',
  title: 'Shipgate preflight',
  description:
    'Error detection and security scan in one step: what would break a deploy and what would leak or be exploited, with one summary, one SARIF file (a run per check and scanner) and one pass or fail.',
  branding: { icon: 'check-circle', color: 'green' },
  parts: ['error-detection', 'security-scan'],
  inputs: {
    'sarif-file': {
      kind: 'text',
      scope: 'step',
      description:
        "Where to write the one SARIF 2.1.0 log (error-detection's run, then a run per scanner, each with its own category), relative to the working directory; upload it with github/codeql-action/upload-sarif. Default: preflight.sarif under RUNNER_TEMP/shipgate.",
    },
    ...COMMON_INPUTS,
  },
  outputs: {
    result: 'pass, or fail when error detection or the security scan fails its policy.',
    'error-detection': 'pass or fail: the readiness score against min-score.',
    'security-scan': "pass or fail: the findings against the environment's policy.",
    score: 'Readiness score, 0 to 100.',
    errors: 'Error detection: number of critical and high findings.',
    warnings: 'Error detection: number of medium and low findings.',
    critical: 'Security scan: critical findings (not counting those the baseline accepts).',
    high: 'Security scan: high findings.',
    medium: 'Security scan: medium findings.',
    low: 'Security scan: low findings.',
    secrets: 'Security scan: findings of the secrets scanner.',
    incomplete: 'true when a scanner could not scan everything (the summary says what it missed).',
    'sarif-file': 'Path of the SARIF log.',
    'patch-file': 'Path of a patch with the fixes error detection can write down (never applied), when there are any.',
    'baseline-file':
      'Path of a baseline (shipgate/baseline/v1) accepting every security finding of this run; pass it as baseline to accept them.',
    report: "Path of the JSON report (schema shipgate/preflight/v1), holding both parts' reports.",
  },
} as const satisfies ActionDefinition;

/**
 * error-detection: the one table of its inputs and outputs. action.yml, the README tables, the config schema
 * and the CLI help are generated from it (`npm run build`); plain data, so import only types and other tables.
 */
import type { ActionDefinition } from '@shipgate/kit';
import { COMMON_INPUTS } from '@shipgate/kit/inputs';

/** Every category name the `categories` input knows, those not available yet included (checks.ts says which). */
export const CATEGORY_NAMES = ['kubernetes', 'compose', 'workflows', 'dockerfile', 'env', 'dependencies', 'build'];

export const ACTION = {
  name: 'error-detection',
  title: 'Shipgate error detection',
  description:
    'Finds what would break a deploy (Kubernetes and Compose files, GitHub workflows, Dockerfiles, the environment contract, lockfiles and toolchains, the build) at file:line:column, with a 0-100 readiness score.',
  branding: { icon: 'check-square', color: 'green' },
  inputs: {
    categories: {
      kind: 'list',
      choices: CATEGORY_NAMES,
      description:
        'Categories to check (comma-separated): kubernetes, compose, workflows, dockerfile, env, dependencies, build. Empty checks every category that applies to the repository.',
    },
    paths: {
      kind: 'list',
      description:
        'Globs of the files to check, relative to the working directory (`deploy/**/*.yaml`, `!deploy/old/**`). Empty finds them: Kubernetes manifests by their apiVersion and kind, compose files, workflows, action.yml files and Dockerfiles by name, .env files; node_modules, .git and build output are skipped.',
    },
    'kubernetes-version': {
      kind: 'text',
      default: '1.36',
      pattern: '^v?1\\.(34|35|36)(\\.\\d+)?$',
      allowed: 'a Kubernetes version among 1.34, 1.35, 1.36',
      description: 'Kubernetes minor version the manifests are checked against (schemas and removed API versions).',
    },
    'env-file': {
      kind: 'file',
      description:
        'The env file the deploy uses, relative to the working directory, compared with env-example (a key set in the job environment counts as set). Default `.env` when it exists.',
    },
    'env-example': {
      kind: 'file',
      description: 'The file listing the keys the application needs. Default `.env.example` when it exists.',
    },
    'build-command': {
      kind: 'command',
      description:
        'A build or type-check command to run (`npx tsc --noEmit`, `cargo check`, `go vet ./...`), split into argv without a shell; its tsc, eslint, cargo and go errors become findings.',
    },
    'build-timeout': {
      kind: 'duration',
      min: '1s',
      max: '6h',
      default: '15m',
      description: 'How long build-command may run before it is killed.',
    },
    'min-score': {
      kind: 'integer',
      min: 0,
      max: 100,
      default: '80',
      description: 'The step fails when the readiness score is below this. Any critical finding caps the score at 49.',
    },
    'sarif-file': {
      kind: 'text',
      description: 'Where to write the findings as SARIF 2.1.0 for code scanning, relative to the working directory.',
    },
    ...COMMON_INPUTS,
  },
  outputs: {
    result: 'pass or fail (the score is below min-score).',
    score: 'Readiness score, 0 to 100.',
    errors: 'Number of critical and high findings.',
    warnings: 'Number of medium and low findings.',
    'sarif-file': 'Path of the SARIF file, when sarif-file was given.',
    'patch-file': 'Path of a patch with the fixes that can be written down (never applied), when there are any.',
    report: 'Path of the JSON report (schema shipgate/error-detection/v1).',
  },
} as const satisfies ActionDefinition;

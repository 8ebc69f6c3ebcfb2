/**
 * The categories error-detection runs, in the order the summary lists them. A new category is a module
 * exporting a `Check` and one line here (and, when it is new to the `categories` input, its name in inputs.ts).
 */
import type { Check } from './check.js';
import { buildCheck } from './checks/build-check.js';
import { composeCheck } from './checks/compose-check.js';
import { dependenciesCheck } from './checks/dependencies-check.js';
import { envCheck } from './checks/env-check.js';
import { dockerfileCheck } from './checks/dockerfile-check.js';
import { kubernetesCheck } from './checks/kubernetes-check.js';
import { workflowsCheck } from './checks/workflows-check.js';

export const CHECKS: readonly Check[] = [
  kubernetesCheck,
  composeCheck,
  workflowsCheck,
  dockerfileCheck,
  envCheck,
  dependenciesCheck,
  buildCheck,
];

/** Categories the `categories` input accepts that have no check yet, and why. */
export const PLANNED_CATEGORIES: Readonly<Record<string, string>> = {};

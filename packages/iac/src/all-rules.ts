import { COMPOSE_SECURITY_RULES } from './compose/check-compose-security.js';
import { DOCKERFILE_RULES } from './dockerfile/rules.js';
import { KUBERNETES_RELIABILITY_RULES, KUBERNETES_SECURITY_RULES } from './kubernetes/rules.js';
import type { IacRule } from './rule.js';

/**
 * Every rule of the infrastructure-as-code engines, once each (a rule with two entries, such as
 * privilege-escalation, appears once): the `rules` of a SARIF run and the help of a report.
 */
export const IAC_RULES: readonly IacRule[] = [
  ...new Map(
    [
      ...Object.values(KUBERNETES_SECURITY_RULES),
      ...Object.values(KUBERNETES_RELIABILITY_RULES),
      ...Object.values(COMPOSE_SECURITY_RULES),
      ...Object.values(DOCKERFILE_RULES),
    ].map((rule): [string, IacRule] => [rule.id, rule]),
  ).values(),
];

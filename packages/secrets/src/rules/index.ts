import type { SecretRule } from '../rule.js';
import { ASSIGNED_RULES } from './assignments.js';
import { GENERIC_RULES } from './generic.js';
import { AI_TOKENS, CHAT_TOKENS, CLOUD_TOKENS, FORGE_TOKENS, PAYMENT_TOKENS, REGISTRY_TOKENS } from './tokens.js';

/** The built-in rule set, specific rules first. */
export const DEFAULT_RULES: readonly SecretRule[] = [
  ...CLOUD_TOKENS,
  ...FORGE_TOKENS,
  ...CHAT_TOKENS,
  ...PAYMENT_TOKENS,
  ...REGISTRY_TOKENS,
  ...AI_TOKENS,
  ...ASSIGNED_RULES,
  ...GENERIC_RULES,
];

import { describe, expect, it } from 'vitest';
import { IAC_RULES } from './all-rules.js';

describe('IAC_RULES', () => {
  it('has unique ids of the form area/name, each with a title, help and a documentation link', () => {
    const ids = IAC_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of IAC_RULES) {
      expect(rule.id).toMatch(/^(?:k8s|compose|dockerfile)\/[a-z0-9-]+$/);
      expect(rule.title.length).toBeGreaterThan(0);
      expect(rule.help.length).toBeGreaterThan(0);
      expect(rule.helpUri).toMatch(/^https:\/\//);
    }
  });

  it('maps the Dockerfile rules to the hadolint ids existing ignore comments use', () => {
    const hadolint = IAC_RULES.flatMap((rule) => (rule.hadolint ? [rule.hadolint] : [])).sort();
    expect(hadolint).toEqual(
      ['DL3002', 'DL3003', 'DL3006', 'DL3007', 'DL3009', 'DL3015', 'DL3020', 'SecretsUsedInArgOrEnv'].sort(),
    );
  });
});

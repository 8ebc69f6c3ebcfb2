import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './index.js';
import { literalPrefix } from './build.js';

describe('DEFAULT_RULES', () => {
  it('is at least as broad as a 200-rule default set, with unique ids', () => {
    expect(DEFAULT_RULES.length).toBeGreaterThanOrEqual(200);
    expect(new Set(DEFAULT_RULES.map((r) => r.id)).size).toBe(DEFAULT_RULES.length);
  });

  it('gives every rule lower-case keywords for the prefilter, a global regex and a description', () => {
    for (const rule of DEFAULT_RULES) {
      expect(rule.keywords.length, rule.id).toBeGreaterThan(0);
      for (const keyword of rule.keywords) expect(keyword, rule.id).toBe(keyword.toLowerCase());
      expect(rule.regex.global, rule.id).toBe(true);
      expect(rule.description, rule.id).not.toBe('');
    }
  });

  it('covers each family the issue names', () => {
    const ids = new Set(DEFAULT_RULES.map((r) => r.id));
    for (const id of [
      'aws-access-key-id',
      'gcp-api-key',
      'azure-storage-account-key',
      'github-pat',
      'gitlab-pat',
      'slack-bot-token',
      'stripe-secret-key',
      'npm-access-token',
      'pypi-upload-token',
      'openai-api-key',
      'anthropic-api-key',
      'private-key',
      'jwt',
      'connection-string-password',
      'generic-password',
      'generic-api-key',
      'kubernetes-secret',
      'docker-config-auth',
    ])
      expect(ids, id).toContain(id);
  });
});

describe('literalPrefix', () => {
  it('takes the literal start of a token body as its keyword', () => {
    expect(literalPrefix('ghp_[0-9a-zA-Z]{36}')).toBe('ghp_');
    expect(literalPrefix('dp\\.pt\\.[a-z]{4}')).toBe('dp.pt.');
    expect(literalPrefix('sk-ant-(?:api03)')).toBe('sk-ant-');
    expect(() => literalPrefix('(?:a|b)x')).toThrow('no literal prefix');
  });
});

import { ConfigError } from '@shipgate/core';
import { describe, expect, it } from 'vitest';
import { importGitleaksConfig } from './gitleaks-config.js';
import { DEFAULT_RULES } from './rules/index.js';
import { SecretScanner } from './scanner.js';

// A .gitleaks.toml in the shapes gitleaks documents: extend, global allowlist, rules with keywords, entropy,
// secretGroup, path, rule allowlists (old and new forms, regexTarget, condition), and rules we cannot translate.
const TOML = String.raw`
title = "acme"

[extend]
useDefault = true
disabledRules = ["generic-api-key"]

[allowlist]
description = "global"
paths = ['''(?:^|/)fixtures/''']
regexes = ['''(?i)^dummy''']
stopwords = ["notasecret"]

[[rules]]
id = "acme-internal-token"
description = "ACME internal token"
regex = '''\b(acme_(?i)[a-z0-9]{24})\b'''
entropy = 3
keywords = ["ACME_"]
  [[rules.allowlists]]
  regexTarget = "line"
  regexes = ['''# example''']

[[rules]]
id = "acme-config-password"
regex = '''(?i)acme[_-]?pass(?:word)?\s*=\s*"([^"]{8,})"'''
secretGroup = 1
path = '''\.ini$'''
keywords = ["acme"]
  [rules.allowlist]
  condition = "AND"
  paths = ['''^test/''']
  stopwords = ["local"]

[[rules]]
id = "pkcs12-file"
path = '''\.p12$'''

[[rules]]
id = "unicode-rule"
regex = '''\pL{10}'''
keywords = ["x"]
`;

describe('importGitleaksConfig', () => {
  const imported = importGitleaksConfig(TOML, '.gitleaks.toml', DEFAULT_RULES);

  it('keeps the built-in rules when the file extends the default, and adds its own', () => {
    expect(imported.extendsDefault).toBe(true);
    expect(imported.rules.length).toBe(DEFAULT_RULES.length + 2);
    expect(imported.rules.slice(0, 2).map((r) => r.id)).toEqual(['acme-internal-token', 'acme-config-password']);
  });

  it('lists every rule it cannot translate, with the reason, and notes the differences', () => {
    expect(imported.untranslated).toEqual([
      { id: 'pkcs12-file', reason: expect.stringContaining('without a regex') },
      { id: 'unicode-rule', reason: expect.stringContaining('Unicode') },
    ]);
    expect(imported.notes).toEqual([expect.stringContaining('disabledRules')]);
  });

  it('applies the imported rules, allowlists and entropy like gitleaks does', () => {
    const scanner = new SecretScanner({ rules: imported.rules, allowlist: imported.allowlist });
    const token = 'acme_K3j9X2m8Q7w1Z5v4B6n0C1d2';
    expect(scanner.scan('src/a.ts', `t = "${token}"`).map((f) => f.ruleId)).toEqual(['acme-internal-token']);
    expect(scanner.scan('src/a.ts', `t = "${token}" # example`)).toEqual([]);
    expect(scanner.scan('fixtures/a.ts', `t = "${token}"`)).toEqual([]);
    expect(scanner.scan('src/a.ts', 't = "acme_aaaaaaaaaaaaaaaaaaaaaaaa"')).toEqual([]);
    const password = 'acme_password = "Zq8!local-Kw2"';
    expect(scanner.scan('conf/app.ini', password).map((f) => f.ruleId)).toEqual(['acme-config-password']);
    // The rule's AND allowlist (path and stopword) and its path restrict it; the built-in password rule still applies.
    expect(scanner.scan('test/app.ini', password).map((f) => f.ruleId)).toEqual(['generic-password']);
    expect(scanner.scan('conf/app.cfg', password).map((f) => f.ruleId)).toEqual(['generic-password']);
  });

  it('uses only the imported rules without useDefault', () => {
    const own = importGitleaksConfig(TOML.replace('useDefault = true', 'useDefault = false'), 'g.toml', DEFAULT_RULES);
    expect(own.rules.map((r) => r.id)).toEqual(['acme-internal-token', 'acme-config-password']);
  });

  it('names the file, the position or the key of what is wrong', () => {
    expect(() => importGitleaksConfig('[[rules]\nid=1', 'g.toml', [])).toThrow(ConfigError);
    expect(() => importGitleaksConfig('[[rules]]\nid = "x"\nregex = 3', 'g.toml', [])).toThrow(
      "g.toml: 'rules[0].regex' must be a non-empty string",
    );
    expect(() => importGitleaksConfig('[[rules]]\nid = "x"\nregex = "a"\nentropy = "high"', 'g.toml', [])).toThrow(
      "'rules[0].entropy' must be a non-negative number",
    );
  });
});

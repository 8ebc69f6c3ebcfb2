/**
 * Import of a `.gitleaks.toml`: its rules and allowlists in our form, so a repository that has tuned gitleaks keeps
 * its tuning. Everything that cannot be translated is listed with the reason (`untranslated`), and everything
 * translated with a loss is noted (`notes`): nothing is dropped silently.
 * https://github.com/gitleaks/gitleaks#configuration
 */
import { ConfigError } from '@shipgate/core';
import { parse, TomlError } from 'smol-toml';
import { translateGoRegex } from './go-regex.js';
import type { RuleAllowlist, SecretRule } from './rule.js';
import type { GlobalAllowlist } from './scanner.js';

export interface ImportedGitleaksConfig {
  /** The translated rules, then (with `[extend] useDefault = true`) the built-in ones. */
  rules: SecretRule[];
  allowlist: GlobalAllowlist;
  /** True when the file extends the default rule set. */
  extendsDefault: boolean;
  /** Rules (or allowlists) that could not be translated and are not applied. */
  untranslated: { id: string; reason: string }[];
  /** What was translated with a difference the user should know about. */
  notes: string[];
}

type Table = Record<string, unknown>;

/** Imports `text` (the content of `file`), with `defaults` as the rule set `useDefault` extends. */
export function importGitleaksConfig(
  text: string,
  file: string,
  defaults: readonly SecretRule[],
): ImportedGitleaksConfig {
  let config: Table;
  try {
    config = parse(text) as Table;
  } catch (error) {
    const position = error instanceof TomlError ? { line: error.line, column: error.column } : {};
    throw new ConfigError(file, '', `is not valid TOML: ${(error as Error).message.split('\n')[0]}`, position);
  }
  const result: ImportedGitleaksConfig = {
    rules: [],
    allowlist: {},
    extendsDefault: false,
    untranslated: [],
    notes: [],
  };

  const extend = optionalTable(config, 'extend', file);
  if (extend) {
    result.extendsDefault = extend.useDefault === true;
    if (typeof extend.path === 'string')
      result.untranslated.push({
        id: 'extend.path',
        reason: `extending another file (${extend.path}) is not followed`,
      });
    const disabled = stringList(extend, 'disabledRules', file, 'extend');
    if (disabled.length)
      result.notes.push(
        `extend.disabledRules names gitleaks rule ids (${disabled.join(', ')}); built-in rules have their own ids and stay on`,
      );
  }

  const globalLists = [
    ...(optionalTable(config, 'allowlist', file) ? [config.allowlist as Table] : []),
    ...tableList(config, 'allowlists', file),
  ];
  globalLists.forEach((list, i) => mergeGlobal(result, list, `allowlists[${i}]`, file));

  const rules = tableList(config, 'rules', file);
  const imported: SecretRule[] = [];
  rules.forEach((rule, i) => {
    const translated = translateRule(rule, `rules[${i}]`, file, result);
    if (translated) imported.push(translated);
  });
  // An imported rule with a built-in id replaces the built-in one, as a gitleaks rule with a default id does;
  // imported rules come first, so where they overlap a built-in rule on a value, the repository's rule reports it.
  const importedIds = new Set(imported.map((r) => r.id));
  result.rules = [...imported, ...(result.extendsDefault ? defaults.filter((r) => !importedIds.has(r.id)) : [])];
  return result;
}

function translateRule(rule: Table, key: string, file: string, result: ImportedGitleaksConfig): SecretRule | undefined {
  const id = requiredString(rule, 'id', file, key);
  if (rule.regex === undefined) {
    result.untranslated.push({ id, reason: 'a rule without a regex (it reports files by path) is not supported' });
    return undefined;
  }
  const regex = translateGoRegex(requiredString(rule, 'regex', file, key));
  if (!regex.ok) {
    result.untranslated.push({ id, reason: `regex: ${regex.reason}` });
    return undefined;
  }
  let path: RegExp | undefined;
  if (rule.path !== undefined) {
    const translated = translateGoRegex(requiredString(rule, 'path', file, key));
    if (!translated.ok) {
      result.untranslated.push({ id, reason: `path: ${translated.reason}` });
      return undefined;
    }
    path = new RegExp(translated.source, translated.flags);
  }
  const keywords = stringList(rule, 'keywords', file, key).map((k) => k.toLowerCase());
  if (keywords.length === 0) result.notes.push(`rule '${id}' has no keywords: it runs on every line, which is slower`);
  const allowlists: RuleAllowlist[] = [];
  const lists = [...(rule.allowlist ? [rule.allowlist as Table] : []), ...tableList(rule, 'allowlists', file, key)];
  for (const [i, list] of lists.entries()) {
    const translated = translateAllowlist(list, `${key}.allowlists[${i}]`, file, id, result);
    if (translated) allowlists.push(translated);
  }
  const entropy = optionalNumber(rule, 'entropy', file, key);
  const secretGroup = optionalNumber(rule, 'secretGroup', file, key);
  const multiline = /\\n|\\r|\(\?[a-z]*s|\[\\s\\S\]/.test(regex.source) || regex.flags.includes('s');
  return {
    id,
    description: typeof rule.description === 'string' && rule.description ? rule.description : id,
    severity: 'high',
    keywords,
    regex: new RegExp(regex.source, `g${regex.flags}`),
    ...(secretGroup ? { secretGroup } : {}),
    ...(entropy !== undefined ? { entropy } : {}),
    ...(path ? { path } : {}),
    ...(multiline ? { multiline: true } : {}),
    ...(allowlists.length ? { allowlists } : {}),
  };
}

function translateAllowlist(
  list: Table,
  key: string,
  file: string,
  id: string,
  result: ImportedGitleaksConfig,
): RuleAllowlist | undefined {
  if (list.commits !== undefined) result.notes.push(`${id}: commit allowlists do not apply to a scan of files`);
  const regexes = regexList(list, 'regexes', key, file, id, result);
  const paths = regexList(list, 'paths', key, file, id, result);
  if (regexes === undefined || paths === undefined) return undefined;
  const target = list.regexTarget ?? 'secret';
  if (target !== 'secret' && target !== 'match' && target !== 'line')
    throw new ConfigError(
      file,
      `${key}.regexTarget`,
      `must be "secret", "match" or "line", not ${JSON.stringify(target)}`,
    );
  const condition = String(list.condition ?? 'OR').toLowerCase();
  if (condition !== 'or' && condition !== 'and')
    throw new ConfigError(file, `${key}.condition`, `must be "OR" or "AND", not ${JSON.stringify(list.condition)}`);
  return {
    ...(regexes.length ? { regexes } : {}),
    ...(paths.length ? { paths } : {}),
    ...(stringList(list, 'stopwords', file, key).length ? { stopwords: stringList(list, 'stopwords', file, key) } : {}),
    regexTarget: target,
    condition: condition as 'or' | 'and',
  };
}

function mergeGlobal(result: ImportedGitleaksConfig, list: Table, key: string, file: string): void {
  const translated = translateAllowlist(list, key, file, key, result);
  if (!translated) return;
  if (translated.regexTarget !== 'secret' && translated.regexes?.length)
    result.notes.push(`${key}: regexTarget "${translated.regexTarget}" is applied to the secret in a global allowlist`);
  if (
    translated.condition === 'and' &&
    translated.paths?.length &&
    (translated.regexes?.length || translated.stopwords?.length)
  ) {
    result.untranslated.push({ id: key, reason: 'a global allowlist with condition AND over paths and values' });
    return;
  }
  const into = result.allowlist;
  if (translated.paths) into.paths = [...(into.paths ?? []), ...translated.paths];
  if (translated.regexes) into.regexes = [...(into.regexes ?? []), ...translated.regexes];
  if (translated.stopwords) into.stopwords = [...(into.stopwords ?? []), ...translated.stopwords];
}

function regexList(
  table: Table,
  name: string,
  key: string,
  file: string,
  id: string,
  result: ImportedGitleaksConfig,
): RegExp[] | undefined {
  const out: RegExp[] = [];
  for (const [i, source] of stringList(table, name, file, key).entries()) {
    const translated = translateGoRegex(source);
    if (!translated.ok) {
      result.untranslated.push({ id, reason: `${key}.${name}[${i}]: ${translated.reason}` });
      return undefined;
    }
    out.push(new RegExp(translated.source, translated.flags));
  }
  return out;
}

function optionalTable(table: Table, name: string, file: string): Table | undefined {
  const value = table[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ConfigError(file, name, 'must be a table');
  return value as Table;
}

function tableList(table: Table, name: string, file: string, parent?: string): Table[] {
  const value = table[name];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'object' || v === null || Array.isArray(v)))
    throw new ConfigError(file, parent ? `${parent}.${name}` : name, 'must be an array of tables ([[...]])');
  return value as Table[];
}

function stringList(table: Table, name: string, file: string, parent: string): string[] {
  const value = table[name];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new ConfigError(file, `${parent}.${name}`, 'must be an array of strings');
  return value as string[];
}

function requiredString(table: Table, name: string, file: string, parent: string): string {
  const value = table[name];
  if (typeof value !== 'string' || value === '')
    throw new ConfigError(file, `${parent}.${name}`, 'must be a non-empty string');
  return value;
}

function optionalNumber(table: Table, name: string, file: string, parent: string): number | undefined {
  const value = table[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new ConfigError(file, `${parent}.${name}`, 'must be a non-negative number');
  return value;
}

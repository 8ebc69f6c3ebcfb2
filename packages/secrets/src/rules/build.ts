/**
 * Two shapes cover most provider rules: a self-identifying token (a fixed prefix and a body), and a value
 * assigned to a name that mentions the provider (`adafruit_key = "..."`). These helpers write their regular
 * expressions once, so every rule of a shape has the same boundaries and assignment grammar.
 */
import type { Severity } from '@shipgate/findings';
import type { RuleAllowlist, SecretRule, ValueCheck } from '../rule.js';

export interface RuleOptions {
  keywords?: string[];
  entropy?: number;
  severity?: Severity;
  allowlists?: RuleAllowlist[];
  check?: ValueCheck;
  path?: RegExp;
  help?: string;
  /** Regex flags besides `g` (default none for tokens, `i` for assignments). */
  flags?: string;
  extract?: 'kubernetes-secret';
}

/** Fields of `SecretRule` that `pattern` rules may set. */
type RuleShape = Pick<
  SecretRule,
  'secretGroup' | 'multiline' | 'nameGroup' | 'excludeNames' | 'requireNames' | 'anchor'
>;

/** Not preceded by a token character: the token starts here. */
const START = String.raw`(?<![A-Za-z0-9_])`;
/** Followed by a character that cannot continue the token. */
const END = String.raw`(?![A-Za-z0-9_])`;

/**
 * A self-identifying token: `body` is a regex source whose text is the whole secret, e.g. `ghp_[0-9A-Za-z]{36}`.
 * Keywords default to the literal prefix of the body, lower-cased.
 */
export function token(id: string, description: string, body: string, options: RuleOptions = {}): SecretRule {
  return rule(id, description, `${START}(${body})${END}`, options.keywords ?? [literalPrefix(body)], {
    severity: 'critical',
    flags: '',
    ...options,
  });
}

/** Assignment operators of code and configuration: `=`, `:`, `:=`, `=>`, `?=`, `||=`, `,` (in calls), `>` (XML). */
const ASSIGN = String.raw`["'\x60]?[ \t]{0,3}(?::=|=>|\|\|=|\?\?=|\?=|=|:|,|>)[ \t]{0,5}(?:["'\x60]|\\["'])?`;

/**
 * A value assigned to a name containing one of `names` (regex alternatives), e.g. `ADAFRUIT_IO_KEY: "<value>"`.
 * `value` is the regex of the secret; keywords default to the names.
 */
export function assigned(
  id: string,
  description: string,
  names: string[],
  value: string,
  options: RuleOptions = {},
): SecretRule {
  const source = String.raw`(?:${names.join('|')})[\w.-]{0,25}?${ASSIGN}(${value})(?![A-Za-z0-9_+/=-])`;
  return rule(id, description, source, options.keywords ?? names.map((n) => n.replace(/\\/g, '').toLowerCase()), {
    severity: 'high',
    flags: 'i',
    ...options,
  });
}

/** Any other regular expression: the secret is group 1 (or `secretGroup`). */
export function pattern(
  id: string,
  description: string,
  source: string,
  keywords: string[],
  options: RuleOptions & RuleShape = {},
): SecretRule {
  return rule(id, description, source, keywords, { severity: 'high', flags: '', ...options });
}

function rule(
  id: string,
  description: string,
  source: string,
  keywords: string[],
  options: RuleOptions & RuleShape,
): SecretRule {
  const { flags = '', keywords: _keywords, ...rest } = options;
  return {
    id,
    description,
    severity: rest.severity ?? 'high',
    keywords: keywords.map((k) => k.toLowerCase()),
    regex: new RegExp(source, `g${rest.anchor ? 'y' : ''}${flags}`),
    ...(rest.secretGroup !== undefined ? { secretGroup: rest.secretGroup } : {}),
    ...(rest.nameGroup !== undefined ? { nameGroup: rest.nameGroup } : {}),
    ...(rest.excludeNames ? { excludeNames: rest.excludeNames } : {}),
    ...(rest.requireNames ? { requireNames: rest.requireNames } : {}),
    ...(rest.anchor ? { anchor: rest.anchor } : {}),
    ...(rest.entropy !== undefined ? { entropy: rest.entropy } : {}),
    ...(rest.path ? { path: rest.path } : {}),
    ...(rest.multiline ? { multiline: true } : {}),
    ...(rest.check ? { check: rest.check } : {}),
    ...(rest.allowlists ? { allowlists: rest.allowlists } : {}),
    ...(rest.help ? { help: rest.help } : {}),
    ...(rest.extract ? { extract: rest.extract } : {}),
  };
}

/** The literal characters a regex source starts with: `ghp_` of `ghp_[0-9A-Za-z]{36}`, `sk-ant-` of `sk-ant-api03-...`. */
export function literalPrefix(source: string): string {
  let prefix = '';
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char === '\\' && /[.\-/_~]/.test(source[i + 1] ?? '')) {
      prefix += source[++i];
    } else if (/[A-Za-z0-9_\-~]/.test(char) && !/[?*{+]/.test(source[i + 1] ?? '')) {
      prefix += char;
    } else break;
  }
  if (prefix.length < 2) throw new Error(`Token body '${source}' has no literal prefix: give keywords`);
  return prefix.toLowerCase();
}

/** Common value shapes. */
export const HEX = (n: number | string): string => `[a-f0-9]{${n}}`;
export const ALNUM = (n: number | string): string => `[a-z0-9]{${n}}`;
export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * A secret rule is data: which keywords make a line worth a look, the regular expression that finds the value,
 * and the checks a value must pass to be reported. Built-in rules live under rules/; `.gitleaks.toml` rules are
 * translated into the same shape.
 */
import type { Severity } from '@shipgate/findings';

/** Extra checks, by name, for formats a regular expression cannot confirm alone. */
export type ValueCheck =
  /** A JSON Web Token whose header decodes to JSON with an `alg`. */
  | 'jwt'
  /** Base64 of `user:password` (docker `auth`, HTTP Basic) with a real password. */
  | 'basic-credentials'
  /** A password-like value: not a placeholder, a variable reference, or a local development default. */
  | 'password'
  /** A token-like value: not a word, an identifier, a hash, a UUID, a version, a path or a reference. */
  | 'token';

/** Values a rule accepts anyway (a documented example, a placeholder of this format). */
export interface RuleAllowlist {
  /** Tested against `regexTarget` (the secret by default). */
  regexes?: RegExp[];
  regexTarget?: 'secret' | 'match' | 'line';
  /** Case-insensitive substrings of the secret. */
  stopwords?: string[];
  /** Repository paths where the rule does not apply. */
  paths?: RegExp[];
  /** `and`: the value must match a regex (or stopword) AND the path; `or` (default): either is enough. */
  condition?: 'or' | 'and';
}

export interface SecretRule {
  id: string;
  /** One line, what was found: "GitHub personal access token". */
  description: string;
  severity: Severity;
  /**
   * Lower-case literals of which at least one must be on the line (case-insensitive) for the regex to run. A rule
   * without keywords runs on every line: only imported rules may lack them.
   */
  keywords: string[];
  /** Global (`g`) regular expression. */
  regex: RegExp;
  /** The secret is the first group, from this one on, that matched (default 1; the whole match without groups). */
  secretGroup?: number;
  /** The group holding the name a value is assigned to, for `requireNames` and `excludeNames` (camelCase names are
   * tested with `_` between their words: `password_Hint`). */
  nameGroup?: number;
  /** Names that make the value something other than a secret (`password_hint`, `public_key`). */
  excludeNames?: RegExp;
  /** Names the value must be assigned to (`nameGroup`): the keyword found is only a candidate (`compass` for `pass`). */
  requireNames?: RegExp;
  /**
   * `name`: the regex is sticky (`y`) and starts with the name group (the whole identifier), followed by an
   * assignment: an optional closing quote or `]`, up to three blanks, then an operator (`:`, `=`, `|`, `?`, `<`,
   * `>` or `,`). It runs once per keyword occurrence, from the start of the identifier holding the keyword, instead
   * of over the line, and only where that assignment shape follows the identifier (checked without a regex). Far
   * cheaper on keyword-dense text.
   */
  anchor?: 'name';
  /** Least Shannon entropy (bits per character) of the secret. */
  entropy?: number;
  /** Only files whose repository path matches. */
  path?: RegExp;
  /** Scans from the line with the keyword over the next lines too (private keys, Kubernetes Secrets). */
  multiline?: boolean;
  check?: ValueCheck;
  /** Values come from a structured reader of the file instead of `regex` (which then only documents the shape). */
  extract?: 'kubernetes-secret';
  allowlists?: RuleAllowlist[];
  /** What to do about it. */
  help?: string;
}

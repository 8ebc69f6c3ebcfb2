/**
 * The secret-scanning engine. One pass of the keyword automaton over a file selects, per line, the rules whose
 * keywords occur there; only those rules' regular expressions run, on that line (or, for multi-line rules, from
 * that line on). Each value then passes entropy, decoy, check and allowlist filters before it becomes a finding.
 */
import { fingerprintOf, type Finding } from '@shipgate/findings';
import { isPlaceholder } from './decoys.js';
import { shannonEntropy } from './entropy.js';
import { KeywordIndex } from './keyword-index.js';
import { kubernetesSecretValues } from './kubernetes-secrets.js';
import { redactAll, redactSecret } from './redaction.js';
import type { RuleAllowlist, SecretRule } from './rule.js';
import {
  assignmentFollows,
  identifierEnd,
  identifierStart,
  inStringLiteral,
  isQuote,
  lineAround,
  pickSecret,
  shorten,
  splitCamelCase,
} from './text-scanning.js';
import { passesCheck } from './value-checks.js';

/** What applies to every rule. */
export interface GlobalAllowlist {
  /** Repository paths never scanned (lockfiles, vendored code, binaries). */
  paths?: RegExp[];
  /** Secrets matching one of these are accepted. */
  regexes?: RegExp[];
  /** Secrets containing one of these (case-insensitive) are accepted. */
  stopwords?: string[];
}

export interface ScannerSettings {
  rules: readonly SecretRule[];
  allowlist?: GlobalAllowlist;
  /** Text that, on the line of a finding, accepts it. Default: `shipgate:allow` and `gitleaks:allow`. */
  allowMarkers?: readonly string[];
}

/** Lines longer than this (minified code, data URIs) are scanned in windows around each keyword. */
const LONG_LINE = 4096;
const WINDOW_BEFORE = 300;
const WINDOW_AFTER = 1200;
/** How far a multi-line rule looks past the line of its keyword. */
const MULTILINE_SPAN = 16384;
/** A NUL in the first bytes marks a binary file. */
const BINARY_PROBE = 8000;

interface Match {
  rule: SecretRule;
  secret: string;
  /** Offset of the secret in the file. */
  start: number;
  /** The whole match, for the snippet. */
  text: string;
}

export class SecretScanner {
  private readonly rules: readonly SecretRule[];
  private readonly index: KeywordIndex;
  private readonly keywordless: number[];
  private readonly allowlist: GlobalAllowlist;
  private readonly stopwords: string[];
  private readonly markers: readonly string[];
  /** Per anchored rule, the verdict of its name lists on each name seen. */
  private readonly nameVerdicts: (NameVerdicts | undefined)[];

  constructor(settings: ScannerSettings) {
    this.rules = settings.rules;
    this.index = KeywordIndex.build(settings.rules.map((rule) => rule.keywords));
    this.keywordless = settings.rules.flatMap((rule, i) => (rule.keywords.length === 0 ? [i] : []));
    this.allowlist = settings.allowlist ?? {};
    this.stopwords = (this.allowlist.stopwords ?? []).map((word) => word.toLowerCase());
    this.markers = settings.allowMarkers ?? ['shipgate:allow', 'gitleaks:allow'];
    this.nameVerdicts = this.rules.map((rule) => (rule.anchor === 'name' ? new NameVerdicts(rule) : undefined));
    for (const rule of this.rules) {
      if (!rule.regex.global) throw new Error(`Secret rule '${rule.id}': its regex needs the g flag`);
    }
  }

  /** True when `file` is never scanned (a global allowlisted path). */
  skipsPath(file: string): boolean {
    return this.allowlist.paths?.some((re) => re.test(file)) ?? false;
  }

  /** The findings in one file. `file` is the repository-relative path, used by path rules and fingerprints. */
  scan(file: string, text: string): Finding[] {
    if (this.skipsPath(file) || text.lastIndexOf('\u0000', BINARY_PROBE) !== -1) return [];
    // Whether each rule applies to this path, worked out for the rules the keywords select (0 = not yet known).
    const applies = new Int8Array(this.rules.length);
    const ruleApplies = (r: number): boolean => {
      if (applies[r] === 0) applies[r] = this.ruleApplies(this.rules[r]!, file) ? 1 : -1;
      return applies[r] === 1;
    };
    const matches: Match[] = [];
    const seen = new Set<number>();
    const run = (ruleIndex: number, from: number, to: number): void =>
      this.runRule(ruleIndex, text, from, to, file, matches, seen);

    const stamp = new Int32Array(this.rules.length).fill(-1);
    const coveredUntil = new Int32Array(this.rules.length).fill(-1);
    const lastAnchor = new Int32Array(this.rules.length).fill(-1);
    const pending: number[] = [];
    let lineStart = 0;
    let lineEnd = -1;
    let longLine = false;
    const flush = (): void => {
      for (const r of pending) run(r, lineStart, this.rules[r]!.multiline ? lineStart + MULTILINE_SPAN : lineEnd);
      pending.length = 0;
    };
    this.index.scan(text, (end, selected) => {
      if (end > lineEnd) {
        flush();
        lineStart = text.lastIndexOf('\n', end) + 1;
        lineEnd = text.indexOf('\n', end);
        if (lineEnd === -1) lineEnd = text.length;
        longLine = lineEnd - lineStart > LONG_LINE;
      }
      for (let k = 0; k < selected.length; k++) {
        const r = selected[k]!;
        if (!ruleApplies(r)) continue;
        if (this.rules[r]!.anchor === 'name') {
          // Hits come in order, so the identifiers of one rule repeat only one after another.
          const at = identifierStart(text, end);
          if (lastAnchor[r] === at) continue;
          lastAnchor[r] = at;
          this.runAnchored(r, text, at, file, matches);
        } else if (longLine && !this.rules[r]!.multiline) {
          if (end + WINDOW_BEFORE < coveredUntil[r]!) continue;
          const to = Math.min(lineEnd, end + WINDOW_AFTER);
          coveredUntil[r] = to;
          run(r, Math.max(lineStart, end - WINDOW_BEFORE), to);
        } else if (stamp[r] !== lineStart) {
          stamp[r] = lineStart;
          pending.push(r);
        }
      }
    });
    flush();
    for (const r of this.keywordless) if (ruleApplies(r)) run(r, 0, text.length);
    return this.toFindings(file, text, matches);
  }

  private ruleApplies(rule: SecretRule, file: string): boolean {
    if (rule.path && !rule.path.test(file)) return false;
    // A rule allowlist with paths only (no value condition) removes the rule from those files.
    return !rule.allowlists?.some(
      (list) => !list.regexes?.length && !list.stopwords?.length && list.paths?.some((re) => re.test(file)),
    );
  }

  private runRule(
    ruleIndex: number,
    text: string,
    from: number,
    to: number,
    file: string,
    matches: Match[],
    seen: Set<number>,
  ): void {
    const rule = this.rules[ruleIndex]!;
    if (rule.extract === 'kubernetes-secret') return this.runKubernetes(rule, text, matches);
    const segment = text.slice(from, Math.min(to, text.length));
    const re = rule.regex;
    re.lastIndex = 0;
    for (let m = re.exec(segment); m !== null; m = re.exec(segment)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const secret = pickSecret(m, rule.secretGroup ?? 1);
      if (!secret) continue;
      const name = rule.nameGroup !== undefined ? (m[rule.nameGroup] ?? '') : undefined;
      if (name !== undefined && rule.requireNames && !rule.requireNames.test(name)) continue;
      if (name !== undefined && rule.excludeNames?.test(splitCamelCase(name))) continue;
      const start = from + m.index + Math.max(0, m[0].lastIndexOf(secret));
      const key = start * 4096 + (ruleIndex % 4096);
      if (seen.has(key)) continue;
      seen.add(key);
      if (this.accepts(rule, secret, m[0], text, start, from + m.index, file))
        matches.push({ rule, secret, start, text: m[0] });
    }
  }

  /** Runs a sticky rule once, at `at`, the start of the identifier holding its keyword. */
  private runAnchored(ruleIndex: number, text: string, at: number, file: string, matches: Match[]): void {
    const rule = this.rules[ruleIndex]!;
    // The name is the identifier itself, followed by an assignment: test both before running the regex (most keyword
    // hits stop here). A name's verdict is remembered: the same names come back again and again.
    const end = identifierEnd(text, at);
    if (!assignmentFollows(text, end)) return;
    if ((rule.requireNames || rule.excludeNames) && !this.nameVerdicts[ruleIndex]!.accepts(text.slice(at, end))) return;
    rule.regex.lastIndex = at;
    const m = rule.regex.exec(text);
    if (m === null) return;
    const secret = pickSecret(m, rule.secretGroup ?? 1);
    if (!secret) return;
    const start = m.index + Math.max(0, m[0].lastIndexOf(secret));
    if (this.accepts(rule, secret, m[0], text, start, m.index, file)) matches.push({ rule, secret, start, text: m[0] });
  }

  private runKubernetes(rule: SecretRule, text: string, matches: Match[]): void {
    if (matches.some((m) => m.rule === rule)) return;
    for (const value of kubernetesSecretValues(text)) {
      if (!this.inlineAllowed(text, value.start) && !this.globallyAllowed(value.secret))
        matches.push({ rule, secret: value.secret, start: value.start, text: `${value.key}: ${value.secret}` });
    }
  }

  private accepts(
    rule: SecretRule,
    secret: string,
    match: string,
    text: string,
    start: number,
    matchStart: number,
    file: string,
  ): boolean {
    if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) return false;
    if (isPlaceholder(secret)) return false;
    // A URL match is quoted when the URL is; an anchored match starts at a name, whose quotes say nothing of the value.
    const quoted = inStringLiteral(text, start) || (rule.anchor === undefined && isQuote(text[matchStart - 1]));
    if (rule.check && !passesCheck(rule.check, secret, { quoted, file })) return false;
    if (this.globallyAllowed(secret)) return false;
    if (rule.allowlists?.some((list) => this.ruleAllows(list, secret, match, text, start, file))) return false;
    return !this.inlineAllowed(text, start);
  }

  /**
   * One finding per value: where matches overlap (a generic rule and a provider rule on one token), the rule
   * listed first wins, and rule lists put specific rules before generic ones.
   */
  private mostSpecific(matches: Match[]): Match[] {
    const order = new Map(this.rules.map((rule, i) => [rule, i]));
    const byPriority = [...matches].sort((a, b) => order.get(a.rule)! - order.get(b.rule)! || a.start - b.start);
    const kept: Match[] = [];
    for (const match of byPriority) if (!kept.some((other) => overlaps(match, other))) kept.push(match);
    return kept.sort((a, b) => a.start - b.start);
  }

  private globallyAllowed(secret: string): boolean {
    if (this.allowlist.regexes?.some((re) => re.test(secret))) return true;
    if (this.stopwords.length === 0) return false;
    const lower = secret.toLowerCase();
    return this.stopwords.some((word) => lower.includes(word));
  }

  private ruleAllows(
    list: RuleAllowlist,
    secret: string,
    match: string,
    text: string,
    start: number,
    file: string,
  ): boolean {
    const target =
      list.regexTarget === 'match' ? match : list.regexTarget === 'line' ? lineAround(text, start) : secret;
    const hasValueTest = Boolean(list.regexes?.length || list.stopwords?.length);
    const valueAllowed =
      (list.regexes?.some((re) => {
        re.lastIndex = 0;
        return re.test(target);
      }) ??
        false) ||
      (list.stopwords?.some((word) => secret.toLowerCase().includes(word.toLowerCase())) ?? false);
    const pathAllowed = list.paths?.some((re) => re.test(file)) ?? false;
    if (list.condition === 'and' && hasValueTest && list.paths?.length) return valueAllowed && pathAllowed;
    return valueAllowed || pathAllowed;
  }

  private inlineAllowed(text: string, start: number): boolean {
    const line = lineAround(text, start);
    return this.markers.some((marker) => line.includes(marker));
  }

  private toFindings(file: string, text: string, found: Match[]): Finding[] {
    if (found.length === 0) return [];
    const matches = this.mostSpecific(found);
    const secrets = matches.map((m) => m.secret);
    let line = 1;
    let counted = 0;
    return matches.map((m) => {
      for (let i = text.indexOf('\n', counted); i !== -1 && i < m.start; i = text.indexOf('\n', i + 1)) {
        line++;
        counted = i + 1;
      }
      const column = m.start - (text.lastIndexOf('\n', m.start - 1) + 1) + 1;
      const secretLines = m.secret.split('\n');
      const endLine = line + secretLines.length - 1;
      const endColumn = secretLines.length === 1 ? column + m.secret.length : secretLines.at(-1)!.length + 1;
      const redacted = redactSecret(m.secret);
      return {
        scanner: 'secrets',
        ruleId: m.rule.id,
        title: m.rule.description,
        severity: m.rule.severity,
        message: `${m.rule.description}: ${redacted}`,
        location: { file, line, column, endLine, endColumn },
        fingerprint: fingerprintOf(['secrets', m.rule.id, file, m.secret]),
        snippet: shorten(redactAll(m.text.split('\n')[0]!, secrets), 160),
        help:
          m.rule.help ??
          'Revoke or rotate this credential, then remove it from the code (and its history); read it from a secret store or an environment variable instead.',
        secret: m.secret,
      };
    });
  }
}

/** A rule's `requireNames` and `excludeNames` verdict on a name, remembered for the next occurrences. */
class NameVerdicts {
  /** Bounded: a file of generated names cannot grow it without limit. */
  private static readonly MAX = 4096;
  private readonly verdicts = new Map<string, boolean>();

  constructor(private readonly rule: SecretRule) {}

  accepts(name: string): boolean {
    let verdict = this.verdicts.get(name);
    if (verdict === undefined) {
      verdict =
        (!this.rule.requireNames || this.rule.requireNames.test(name)) &&
        !this.rule.excludeNames?.test(splitCamelCase(name));
      if (this.verdicts.size >= NameVerdicts.MAX) this.verdicts.clear();
      this.verdicts.set(name, verdict);
    }
    return verdict;
  }
}

function overlaps(a: Match, b: Match): boolean {
  return a.start < b.start + b.secret.length && b.start < a.start + a.secret.length;
}

/**
 * Every secret the action reads or derives goes through here: registered with the runner (`core.setSecret`),
 * which masks it in logs, and kept so that our own writers (summary, report, annotations, outputs), whose
 * files the runner does not mask, redact it too.
 */
/** What every shortened text in Shipgate ends its cut with (`truncate`, status descriptions, table cells, quotes). */
export const CUT_MARK = '…';

/** Shorter forms would garble text without protecting anything (a lone "-" line of a key, say). */
const MIN_FORM = 4;

export class SecretRegistry {
  private readonly values = new Set<string>();
  /** Values whose start, before a cut mark, is no secret (a scanner's `ghp_…(40 chars)` shows it on purpose). */
  private readonly wholeOnly = new Set<string>();

  constructor(private readonly register: (value: string) => void = () => undefined) {}

  /**
   * Masks a secret and the forms it commonly takes in text (each line, JSON-escaped, URL-encoded).
   * `whole`: only whole forms are redacted, not a start cut short before `…`; for values found by a scanner,
   * whose redacted form (`ghp_…(40 chars)`) shows the first characters on purpose and is never cut from the value.
   */
  add(secret: string, options: { whole?: boolean } = {}): void {
    const forms = new Set<string>([
      secret,
      secret.trim(),
      JSON.stringify(secret).slice(1, -1),
      encodeURIComponent(secret),
    ]);
    for (const line of secret.split(/\r?\n/)) forms.add(line.trim());
    // The forms our writers give it (Markdown and HTML escaping in the summary), which a redaction of the
    // finished text must also catch: a ghs_ token has underscores, a JWT often dots and dashes.
    for (const form of [...forms]) {
      forms.add(form.replace(/([\\`*_{}[\]<>#|~])/g, '\\$1'));
      forms.add(form.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    }
    for (const form of forms) {
      if (form.length < MIN_FORM) continue;
      if (!options.whole) this.wholeOnly.delete(form);
      else if (!this.values.has(form)) this.wholeOnly.add(form);
      if (this.values.has(form)) continue;
      this.values.add(form);
      this.register(form);
    }
  }

  /**
   * Replaces every registered secret in `text` with `***`, longest first so a value inside another is covered,
   * and the start of a secret that a message cut short (text shortened before it reached us: a command's
   * stderr, an assertion's actual value, a status description), which ends at the cut mark `…`.
   */
  redact(text: string): string {
    if (this.values.size === 0) return text;
    let result = text;
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
      result = result.split(value).join('***');
    }
    return result.includes(CUT_MARK) ? this.redactCutSecrets(result) : result;
  }

  /** Each text just before a cut mark that is the start of a secret (4 characters or more) becomes `***`. */
  private redactCutSecrets(text: string): string {
    const parts = text.split(CUT_MARK);
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i] ?? '';
      let longest = 0;
      for (const value of this.values) {
        if (this.wholeOnly.has(value)) continue;
        // The earliest start is the longest prefix; a prefix is shorter than the value (a whole one is gone).
        for (let start = Math.max(0, part.length - value.length + 1); start <= part.length - MIN_FORM; start++) {
          if (part.length - start <= longest) break;
          if (part.charCodeAt(start) === value.charCodeAt(0) && value.startsWith(part.slice(start))) {
            longest = part.length - start;
            break;
          }
        }
      }
      if (longest > 0) parts[i] = `${part.slice(0, part.length - longest)}***`;
    }
    return parts.join(CUT_MARK);
  }

  /** How many distinct forms are masked. */
  get size(): number {
    return this.values.size;
  }
}

/**
 * Every secret the action reads or derives goes through here: registered with the runner (`core.setSecret`),
 * which masks it in logs, and kept so that our own writers (summary, report, annotations, outputs), whose
 * files the runner does not mask, redact it too.
 */
export class SecretRegistry {
  private readonly values = new Set<string>();

  constructor(private readonly register: (value: string) => void = () => undefined) {}

  /** Masks a secret and the forms it commonly takes in text (each line, JSON-escaped, URL-encoded). */
  add(secret: string): void {
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
      // Very short fragments (a lone "-" line of a key, say) would garble text without protecting anything.
      if (form.length < 4 || this.values.has(form)) continue;
      this.values.add(form);
      this.register(form);
    }
  }

  /** Replaces every registered secret in `text` with `***`, longest first so a value inside another is covered. */
  redact(text: string): string {
    if (this.values.size === 0) return text;
    let result = text;
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
      result = result.split(value).join('***');
    }
    return result;
  }

  /** How many distinct forms are masked. */
  get size(): number {
    return this.values.size;
  }
}

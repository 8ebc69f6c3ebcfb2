/**
 * Job summary as GitHub-flavoured Markdown. Pure: it builds text; `runAction` writes it once at the end
 * (redacted), and the CLI renders the same text in a terminal.
 */
export type Cell = string | number | boolean | undefined | null;

/** A table column: a header and an alignment. */
export interface Column {
  header: string;
  align?: 'left' | 'right' | 'center';
}

const MAX_CELL = 300;

/** Accumulates summary sections in order. */
export class Summary {
  private readonly parts: string[] = [];

  /**
   * @param redact Applied to every text before it is escaped or shortened, so that neither can split a secret
   *   into forms the final redaction would miss (the action's summary passes its secret registry's).
   */
  constructor(private readonly redact: (text: string) => string = (text) => text) {}

  /** A heading (`#` to `######`). */
  heading(text: string, level: 1 | 2 | 3 | 4 | 5 | 6 = 2): this {
    this.parts.push(`${'#'.repeat(level)} ${inline(this.redact(text))}`);
    return this;
  }

  /** A paragraph of Markdown written by the caller (not escaped). */
  markdown(text: string): this {
    this.parts.push(this.redact(text));
    return this;
  }

  /** Plain text, escaped so it cannot break the layout. */
  text(text: string): this {
    this.parts.push(escapeMarkdown(this.redact(text)));
    return this;
  }

  /** A table; cells are escaped and long cells truncated safely. */
  table(columns: readonly (Column | string)[], rows: readonly (readonly Cell[])[]): this {
    const cols = columns.map((c) => (typeof c === 'string' ? { header: c } : c));
    const cell = (value: Cell): string => formatCell(value, this.redact);
    const header = `| ${cols.map((c) => cell(c.header)).join(' | ')} |`;
    const rule = `| ${cols.map((c) => (c.align === 'right' ? '---:' : c.align === 'center' ? ':---:' : '---')).join(' | ')} |`;
    const body = rows.map((row) => `| ${cols.map((_, i) => cell(row[i])).join(' | ')} |`);
    this.parts.push([header, rule, ...body].join('\n'));
    return this;
  }

  /** A bullet list; items are escaped. */
  list(items: readonly string[]): this {
    if (items.length > 0) this.parts.push(items.map((item) => `- ${inline(this.redact(item))}`).join('\n'));
    return this;
  }

  /** A collapsible section; `body` is Markdown. */
  details(summary: string, body: string): this {
    this.parts.push(
      `<details><summary>${escapeHtml(this.redact(summary))}</summary>\n\n${this.redact(body)}\n\n</details>`,
    );
    return this;
  }

  /** A fenced code block (a Mermaid chart, say). */
  code(text: string, language = ''): this {
    const fence = text.includes('```') ? '~~~~' : '```';
    this.parts.push(`${fence}${language}\n${text}\n${fence}`);
    return this;
  }

  /** A new, empty summary with the same redaction, for Markdown nested in `details`. */
  section(): Summary {
    return new Summary(this.redact);
  }

  /** True when nothing has been added. */
  get isEmpty(): boolean {
    return this.parts.length === 0;
  }

  /** The whole summary as Markdown, sections separated by blank lines. */
  toMarkdown(): string {
    return this.parts.length === 0 ? '' : `${this.parts.join('\n\n')}\n`;
  }
}

/** Escapes characters that Markdown or inline HTML would interpret. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|~])/g, '\\$1');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function inline(text: string): string {
  return escapeMarkdown(text.replace(/\s*\n\s*/g, ' '));
}

function formatCell(value: Cell, redact: (text: string) => string): string {
  if (value === undefined || value === null || value === '') return '';
  const text = redact(String(value)).replace(/\s*\r?\n\s*/g, ' ');
  const short = text.length > MAX_CELL ? `${text.slice(0, MAX_CELL)}…` : text;
  return escapeMarkdown(short);
}

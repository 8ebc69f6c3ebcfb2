import type { TextRange } from '@shipgate/manifests';

/** One `${{ … }}` in a file: where it is and the expression between the braces, as GitHub reads it. */
export interface EmbeddedExpression {
  /** The expression without `${{`, `}}` and surrounding spaces. */
  expression: string;
  /** From the `$` to just after the closing `}}`. */
  range: TextRange;
}

/** A file's text with 1-based line/column ↔ offset conversion, for positions inside YAML scalars. */
export class SourceText {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  offsetOf(line: number, column: number): number {
    return (this.lineStarts[line - 1] ?? this.text.length) + column - 1;
  }

  positionOf(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }

  rangeOf(start: number, end: number): TextRange {
    const from = this.positionOf(start);
    const to = this.positionOf(end);
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  }

  /** Where `needle` first occurs as written in the text of `range`; `undefined` when it is not there verbatim. */
  find(range: TextRange, needle: string): TextRange | undefined {
    const start = this.offsetOf(range.line, range.column);
    const at = this.text.slice(start, this.offsetOf(range.endLine, range.endColumn)).indexOf(needle);
    return at === -1 ? undefined : this.rangeOf(start + at, start + at + needle.length);
  }

  /**
   * Every `${{ … }}` written in the text of `range` (a YAML scalar as written: quotes, block header and all), so
   * that positions are exact in block scalars too. A `}}` inside a quoted string literal does not close it.
   */
  expressionsIn(range: TextRange): EmbeddedExpression[] {
    const start = this.offsetOf(range.line, range.column);
    const end = this.offsetOf(range.endLine, range.endColumn);
    const raw = this.text.slice(start, end);
    // A scalar written in quotes keeps YAML's escapes in the raw text; the expression is read without them.
    const unescape = raw.startsWith("'")
      ? (s: string) => s.replace(/''/g, "'")
      : raw.startsWith('"')
        ? (s: string) => s.replace(/\\(["\\])/g, '$1')
        : (s: string) => s;
    const found: EmbeddedExpression[] = [];
    for (let open = raw.indexOf('${{'); open !== -1; open = raw.indexOf('${{', open + 3)) {
      const close = closingBraces(raw, open + 3);
      if (close === -1) break;
      const expression = unescape(raw.slice(open + 3, close))
        .replace(/\s+/g, ' ')
        .trim();
      found.push({ expression, range: this.rangeOf(start + open, start + close + 2) });
      open = close - 1;
    }
    return found;
  }
}

/** The offset of the `}}` that ends an expression starting at `from`, skipping string literals; -1 if none. */
function closingBraces(raw: string, from: number): number {
  let inString = false;
  for (let i = from; i < raw.length - 1; i++) {
    const c = raw[i];
    if (c === "'") inString = !inString;
    else if (!inString && c === '}' && raw[i + 1] === '}') return i;
  }
  return -1;
}

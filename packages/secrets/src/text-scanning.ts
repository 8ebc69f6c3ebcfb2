/** Text helpers of the scanner: identifiers, quoting, lines, snippets. Pure functions of a string and an offset. */

/** The first group from `from` on that matched; the whole match for a regex without groups. */
export function pickSecret(m: RegExpExecArray, from: number): string | undefined {
  if (m.length === 1) return m[0];
  for (let g = from; g < m.length; g++) if (m[g]) return m[g];
  return undefined;
}

/** Whether the value at `start` is inside a quoted token: a quote comes before it with no space or operator between. */
export function inStringLiteral(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0 && i >= start - 300; i--) {
    const char = text[i]!;
    if (isQuote(char)) return true;
    if (' \t\n=,({['.includes(char)) return false;
  }
  return false;
}

/** Where the identifier (letters, digits, `_`, `.`, `-`) that ends at or after `end` starts. */
export function identifierStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && end - i < 80) {
    if (!isIdentifierChar(text.charCodeAt(i - 1))) break;
    i--;
  }
  return i;
}

/** `passwordHint` as `password_Hint`, so name lists can match the words of camelCase names. */
export function splitCamelCase(name: string): string {
  return /[a-z0-9][A-Z]/.test(name) ? name.replace(/([a-z0-9])(?=[A-Z])/g, '$1_') : name;
}

/** Where the identifier starting at `start` ends (exclusive). */
export function identifierEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && i - start < 80 && isIdentifierChar(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Whether an assignment starts at `end`, right after a name: an optional closing quote, an optional `]`, up to
 * three spaces or tabs, then an operator character (`:`, `=`, `|`, `?`, `<`, `>`, `,`). A necessary condition of the
 * anchored rules' assignment grammar, tested before their regular expressions.
 */
export function assignmentFollows(text: string, end: number): boolean {
  let i = end;
  let c = text.charCodeAt(i);
  if (c === 34 || c === 39 || c === 96) c = text.charCodeAt(++i);
  if (c === 93) c = text.charCodeAt(++i);
  for (let blanks = 0; (c === 32 || c === 9) && blanks < 3; blanks++) c = text.charCodeAt(++i);
  // : = | ? < > ,
  return c === 58 || c === 61 || c === 124 || c === 63 || c === 60 || c === 62 || c === 44;
}

export function isIdentifierChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

export function isQuote(char: string | undefined): boolean {
  return char === '"' || char === "'" || char === '`';
}

export function lineAround(text: string, position: number): string {
  const start = text.lastIndexOf('\n', position - 1) + 1;
  const end = text.indexOf('\n', position);
  return text.slice(start, end === -1 ? text.length : end);
}

/** Shortened after redaction, never before, so a cut cannot leave part of a secret unredacted. */
export function shorten(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}

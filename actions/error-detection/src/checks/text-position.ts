/** 1-based line and column of an offset in a text. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Where `needle` first occurs in `text` after `after` (also a literal; its first occurrence), as a position;
 * line 1, column 1 when it is not found.
 */
export function positionOf(text: string, needle: string, after?: string): { line: number; column: number } {
  const start = after === undefined ? 0 : Math.max(0, text.indexOf(after));
  const index = text.indexOf(needle, start);
  return index < 0 ? { line: 1, column: 1 } : positionAt(text, index);
}

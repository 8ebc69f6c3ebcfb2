/** One document's text in a multi-document file, and where it starts. */
export interface DocumentText {
  text: string;
  /** 0-based offset of its first character in the file. */
  offset: number;
  /** 1-based line of its first character. */
  line: number;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t]|\r?$)/;
const CONTENT = /^(?![ \t]*(?:#|\r?$))/;

/**
 * The documents of a YAML stream as text slices, cut at the document markers (`---`, `...`) at the start of a
 * line, which YAML forbids inside any scalar or collection (c-forbidden), so the cut is exact. Lets a file's
 * flagged document be parsed alone with positions. `undefined` for streams with directives (`%YAML`, `%TAG`),
 * which belong to the document after them: those are parsed whole.
 */
export function splitDocuments(text: string): DocumentText[] | undefined {
  if (/^%/m.test(text)) return undefined;
  const documents: DocumentText[] = [];
  let start = 0;
  let startLine = 1;
  let explicit = false; // the current piece began with `---`
  let content = false; // the current piece has a line that is not blank or a comment
  const close = (end: number) => {
    if (explicit || content) documents.push({ text: text.slice(start, end), offset: start, line: startLine });
  };
  let offset = 0;
  let line = 1;
  while (offset <= text.length) {
    const newline = text.indexOf('\n', offset);
    const end = newline < 0 ? text.length : newline + 1;
    const lineText = text.slice(offset, newline < 0 ? text.length : newline);
    const marker = MARKER.exec(lineText)?.[0];
    if (marker === '---') {
      close(offset);
      start = offset;
      startLine = line;
      explicit = true;
      // `--- value` or `--- |`: the document's content starts on the marker's line.
      content = /^---[ \t]+[^ \t#\r]/.test(lineText);
    } else if (marker === '...') {
      close(offset);
      start = end;
      startLine = line + 1;
      explicit = false;
      content = false;
    } else if (!content && CONTENT.test(lineText) && lineText.length > 0) {
      content = true;
    }
    if (newline < 0) break;
    offset = end;
    line++;
  }
  close(text.length);
  return documents;
}

import {
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node,
  type Pair,
  type Tags,
} from 'yaml';
import { compareFindings, type ManifestFinding, type PathIssue } from './finding.js';
import { tryLoadFast } from './fast-yaml.js';
import { splitDocuments } from './split-documents.js';

/**
 * Which YAML the file's consumer reads. Kubernetes reads YAML 1.1 (sigs.k8s.io/yaml on go-yaml v2: `yes`, `on`
 * and `y` are booleans, `0755` is octal) with timestamps left as strings; GitHub workflows and Compose read
 * YAML 1.2 (the core schema), Compose with merge keys (`<<`).
 */
export type YamlDialect = 'kubernetes' | 'core';

/** 1-based start and end of a piece of text, end exclusive (the column after its last character). */
export interface TextRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One document of a multi-document file, with its data and the position of any value in it. */
export interface PositionedDocument {
  /** 0-based place among the file's documents, as `---` separates them. */
  readonly index: number;
  /** The document as plain data (mappings are objects), built on first use; `undefined` when `dataError` says why. */
  readonly data: unknown;
  /** Why `data` could not be built (aliases that expand too far), read after `data`. */
  readonly dataError: string | undefined;
  /** Whether the document has a syntax error or duplicate key (reported in the file's findings). */
  readonly hasErrors: boolean;
  /** Where the whole document is (its first to its last node). */
  readonly range: TextRange;
  /**
   * Where the value at `path` is, or its key with `at: 'key'`. A path that leaves the document ends at its
   * deepest existing node (a missing required field is reported on the object that lacks it).
   */
  locate(path: readonly (string | number)[], at?: 'key' | 'value'): TextRange;
}

/** A parsed multi-document YAML file: its documents, and its syntax errors and duplicate keys as findings. */
export interface PositionedFile {
  file: string;
  documents: PositionedDocument[];
  findings: ManifestFinding[];
}

/** Expanding more aliases than this in one document is refused (a "billion laughs" file), as Kubernetes does. */
const MAX_ALIAS_COUNT = 1000;

// go-yaml v2 only builds a time from a timestamp for a time field; as JSON it stays the string it was written as.
const withoutTimestamp = (tags: Tags): Tags =>
  tags.filter((tag) => tag !== 'timestamp' && (typeof tag === 'string' || tag.tag !== 'tag:yaml.org,2002:timestamp'));

/**
 * Parses every document of a YAML file with the position of every node (the `yaml` package's CST ranges and a
 * line counter). Syntax errors and duplicate keys become findings with their positions; the documents are
 * still returned, so that a file with one bad document still has the others checked.
 */
export function parsePositionedYaml(
  text: string,
  file: string,
  dialect: YamlDialect,
  /** The line `text` starts at in `file`, when it is one document cut out of it (`splitDocuments`). */
  startLine = 1,
): PositionedFile {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    ...(dialect === 'kubernetes'
      ? { version: '1.1' as const, customTags: withoutTimestamp }
      : { version: '1.2' as const, merge: true }),
  });
  // An empty file or one with only comments has no documents (an EmptyStream, which may still hold errors).
  const list: Document.Parsed[] = [...docs];
  const streamErrors = 'empty' in docs ? docs.errors : [];
  const rangeOf = (start: number, end: number): TextRange => {
    const from = lineCounter.linePos(start);
    const to = lineCounter.linePos(Math.max(end, start));
    const shift = startLine - 1;
    return { line: from.line + shift, column: from.col, endLine: to.line + shift, endColumn: to.col };
  };
  const findings: ManifestFinding[] = [];
  const report = (rule: string, message: string, range: TextRange) =>
    findings.push({ rule, severity: 'error', message, file, ...range });
  for (const error of [...streamErrors, ...list.flatMap((doc) => doc.errors)]) {
    if (error.code === 'DUPLICATE_KEY') {
      // yaml points at the key's first character; the key is the text up to its `:`.
      const key = /^(?:"[^"]*"|'[^']*'|[^:\n]*?)(?=\s*:)/.exec(text.slice(error.pos[0]))?.[0] ?? '';
      const message = `duplicate key ${key || '(complex key)'}: the later value would silently replace the earlier one; keep one`;
      report('yaml/duplicate-key', message, rangeOf(error.pos[0], error.pos[0] + Math.max(key.length, 1)));
    } else {
      report('yaml/syntax', `not valid YAML: ${firstLine(error.message)}`, rangeOf(error.pos[0], error.pos[1]));
    }
  }
  const documents = list.map((doc, index) => positioned(doc, index, rangeOf));
  return { file, documents, findings };
}

function positioned(
  doc: Document.Parsed,
  index: number,
  rangeOf: (start: number, end: number) => TextRange,
): PositionedDocument {
  const root = doc.contents as Node | null;
  const [start, , end] = root?.range ?? doc.range;
  const range = rangeOf(start, end);
  let data: unknown;
  let dataError: string | undefined;
  let built = false;
  return {
    index,
    range,
    hasErrors: doc.errors.length > 0,
    get data() {
      if (!built) {
        built = true;
        try {
          data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
        } catch (error) {
          // yaml throws a ReferenceError when aliases expand past maxAliasCount.
          dataError = `expands too many aliases (${firstLine(String(error))})`;
        }
      }
      return data;
    },
    get dataError() {
      return dataError;
    },
    locate(path, at = 'value') {
      const found = walk(doc, root, path);
      const target = at === 'key' && found.complete && found.key ? found.key : found.node;
      const r = target?.range;
      return r ? rangeOf(r[0], r[1]) : range;
    },
  };
}

interface Walked {
  node: Node | null | undefined;
  key: Node | undefined;
  complete: boolean;
}

/** Follows `path` from `root` through mappings (merge keys included), sequences and aliases. */
function walk(doc: Document.Parsed, root: Node | null, path: readonly (string | number)[]): Walked {
  let node: Node | null | undefined = root;
  let key: Node | undefined;
  for (const segment of path) {
    const current = resolve(doc, node);
    let next: { node: Node | null | undefined; key: Node | undefined } | undefined;
    if (isMap(current)) next = findPair(doc, current.items as Pair[], String(segment));
    else if (isSeq(current)) {
      const item = current.items[Number(segment)] as Node | undefined;
      next = item === undefined ? undefined : { node: item, key: undefined };
    }
    if (!next) return { node, key, complete: false };
    node = next.node ?? next.key;
    key = next.key;
  }
  return { node, key, complete: true };
}

function resolve(doc: Document.Parsed, node: Node | null | undefined): Node | null | undefined {
  let current = node;
  // An alias chain ends at an anchored node; the count guards a malformed document.
  for (let hops = 0; isAlias(current) && hops < 100; hops++) current = current.resolve(doc) as Node | undefined;
  return current;
}

/** The pair for `name` in a mapping: its own keys first, then those merged in with `<<`. */
function findPair(
  doc: Document.Parsed,
  items: readonly Pair[],
  name: string,
): { node: Node | null | undefined; key: Node | undefined } | undefined {
  let merged: { node: Node | null | undefined; key: Node | undefined } | undefined;
  for (const pair of items) {
    if (!isPair(pair)) continue;
    const key = pair.key as Node | null;
    // A merge key's value is a symbol (yaml's MERGE_KEY) when merges are on, as for YAML 1.1.
    const isMerge = isScalar(key) && (typeof key.value === 'symbol' || key.value === '<<');
    if (isScalar(key) && !isMerge && String(key.value) === name) return { node: pair.value as Node | null, key };
    if (merged === undefined && isMerge) {
      const value = resolve(doc, pair.value as Node | null);
      const sources = isSeq(value) ? (value.items as Node[]) : [value];
      for (const source of sources) {
        const map = resolve(doc, source);
        if (isMap(map)) merged = findPair(doc, map.items as Pair[], name);
        if (merged) break;
      }
    }
  }
  return merged;
}

/**
 * The findings of the issues that a check found in each document of a file (`issues[i]` for document `i`, as
 * `tryLoadFast` read them), with positions, parsing only the documents that have issues; `undefined` when the
 * positioned parser does not see the same documents (a directive, a parser disagreement), for the caller to
 * parse the whole file instead.
 */
export function locateIssues(
  file: string,
  text: string,
  dialect: YamlDialect,
  issues: readonly (readonly PathIssue[])[],
): ManifestFinding[] | undefined {
  const pieces = splitDocuments(text);
  if (!pieces || pieces.length !== issues.length) return undefined;
  const findings: ManifestFinding[] = [];
  for (const [index, list] of issues.entries()) {
    const piece = pieces[index];
    if (list.length === 0 || !piece) continue;
    const parsed = parsePositionedYaml(piece.text, file, dialect, piece.line);
    const document = parsed.documents[0];
    if (parsed.findings.length > 0 || parsed.documents.length !== 1 || !document) return undefined;
    for (const issue of list) findings.push(locateIssue(file, document, issue));
  }
  return findings;
}

/**
 * Runs `check` on every document of one YAML file and gives its issues positions: YAML errors and duplicate keys
 * first, then the check's issues at file:line:column. A file whose documents are all clean is read once, by the
 * fast parser; positions are computed only for documents that have an issue (the whole file when its documents
 * cannot be cut apart). `check` gets each document's data and its index in the file.
 */
export function checkYamlDocuments(
  file: string,
  text: string,
  dialect: YamlDialect,
  check: (data: unknown, index: number) => PathIssue[],
): ManifestFinding[] {
  const fast = tryLoadFast(text, dialect);
  if (fast) {
    const issues = fast.map((data, index) => check(data, index));
    if (issues.every((list) => list.length === 0)) return [];
    const located = locateIssues(file, text, dialect, issues);
    if (located) return located.sort(compareFindings);
  }
  const positioned = parsePositionedYaml(text, file, dialect);
  const findings = [...positioned.findings];
  for (const document of positioned.documents) {
    if (document.hasErrors) continue;
    if (document.dataError) {
      const message = `document ${document.index + 1} ${document.dataError}`;
      findings.push(locateIssue(file, document, { rule: 'yaml/alias-limit', severity: 'error', message, path: [] }));
      continue;
    }
    for (const issue of check(document.data, document.index)) findings.push(locateIssue(file, document, issue));
  }
  return findings.sort(compareFindings);
}

/** A finding at the position of a path issue in a positioned document. */
export function locateIssue(file: string, document: PositionedDocument, issue: PathIssue): ManifestFinding {
  const range = document.locate(issue.path, issue.at);
  return { rule: issue.rule, severity: issue.severity, message: issue.message, file, ...range };
}

/** The first line of yaml's message, without its " at line L, column C:" (the finding has the position). */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** How bad a finding is: an error fails the check, a warning may, a notice only informs. */
export type Severity = 'error' | 'warning' | 'notice';

/**
 * One problem in one file, where it is (1-based lines and columns, end inclusive of the offending text's last
 * character + 1, as editors and GitHub annotations count). The action maps these onto the shared finding model.
 */
export interface ManifestFinding {
  /** Rule id, `<area>/<rule>`: `yaml/duplicate-key`, `kubernetes/unknown-field`, ... */
  rule: string;
  severity: Severity;
  /** What is wrong and, where we know it, what to write instead. */
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A problem found in a parsed document before its position is known: the path of the offending value. */
export interface PathIssue {
  rule: string;
  severity: Severity;
  message: string;
  /** Keys and indexes from the document root to the offending value. */
  path: readonly (string | number)[];
  /** Point at the key of the last path segment (an unknown field) rather than at its value. */
  at?: 'key' | 'value';
}

/** Orders findings by file, then position, then rule: reports and tests read them in this order. */
export function compareFindings(a: ManifestFinding, b: ManifestFinding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}

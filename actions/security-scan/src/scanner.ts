/**
 * The Scanner port: what every scanner (secrets, dependencies, iac, image) implements. A scanner gets the scope
 * (which files, and in pull-request mode which lines were added) and returns findings in the @shipgate/findings
 * model; what it could not scan is a reason in `incomplete`, never a silent pass. Adding a scanner is one file
 * implementing this and one entry in `scanners/index.ts`.
 */
import type { Finding } from '@shipgate/findings';

/** The scanners the `scanners` input names. */
export const SCANNER_NAMES = ['secrets', 'dependencies', 'iac', 'image'] as const;
export type ScannerName = (typeof SCANNER_NAMES)[number];

/** One file of the scope. */
export interface ScopeFile {
  /** Repository-relative path with forward slashes (what findings and SARIF carry). */
  path: string;
  /** Its size in bytes, when known before reading. */
  size?: number;
}

/** What a scan covers. */
export interface ScanScope {
  mode: 'full' | 'pull-request';
  /** The files to scan: every file under `path` (full), or the files the pull request adds lines to. */
  files: readonly ScopeFile[];
  /** The file's text (the head commit's in pull-request mode); `undefined` when it cannot be read as text. */
  read(path: string): Promise<string | undefined>;
  /**
   * In pull-request mode, whether a finding's lines include one the pull request added; in full mode always true.
   * The action applies it to every finding with a line, so scanners need not.
   */
  covers(finding: Finding): boolean;
}

/** What a scanner returns. */
export interface ScanResult {
  findings: Finding[];
  /** What could not be scanned, one reason each; any reason makes the result incomplete. */
  incomplete?: string[];
  /** What the user should know that is neither (rules not imported, files skipped by size). */
  notes?: string[];
}

/** A scanner. */
export interface Scanner {
  name: ScannerName;
  /** What it scans, for the summary (`secrets in 212 rules`). */
  describe(): string;
  /**
   * Gets what the scanner needs (a tool to install) before any scanner reads a file: a failure here stops the
   * step before anything is scanned.
   */
  prepare?(): Promise<void>;
  scan(scope: ScanScope): Promise<ScanResult>;
}

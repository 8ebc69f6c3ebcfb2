/**
 * The port every category implements: a name, a weight in the readiness score, whether it applies to the
 * repository, and `check(scope)` returning findings in the shared model. Adding a category is one file that
 * exports a `Check` and one line in checks.ts.
 */
import type { Finding } from '@shipgate/findings';
import type { RunResult } from '@shipgate/exec';
import type { WorkspaceFiles } from './workspace-files.js';

/** The versions of the tools the runner has, behind a port so tests need not install them. */
export interface ToolVersions {
  /** The tool's version (`24.1.0`), or `undefined` when it is not on PATH or does not say. */
  version(tool: 'node' | 'rustc' | 'go' | 'python'): Promise<string | undefined>;
}

/** Runs the build command (the exec package's local shell, in the working directory). */
export type CommandRunner = (argv: readonly string[], timeoutMs: number) => Promise<RunResult>;

/** What a check reads: the repository's files, the settings, and the ports for the runner. */
export interface CheckScope {
  files: WorkspaceFiles;
  kubernetesVersion: string;
  /** The env file, relative to the working directory, and whether the user named it. */
  envFile: { path: string; given: boolean };
  envExample: { path: string; given: boolean };
  /** Variables of the job's environment (for Compose interpolation and the env contract). */
  environment: (name: string) => string | undefined;
  buildCommand: readonly string[] | undefined;
  buildTimeoutMs: number;
  tools: ToolVersions;
  runCommand: CommandRunner;
  /** Writes a log line (redacted by the caller). */
  log: (message: string) => void;
}

/** A fix a check can write down (a key to add to an env file): it goes into the patch file, never applied. */
export interface FileEdit {
  /** Relative to the working directory. */
  file: string;
  /** Lines to append at the end of the file (created when it does not exist). */
  append: string[];
  /** Why, as a comment in the patch's header. */
  reason: string;
}

/** A command a user runs to fix something we cannot write down (a lockfile to regenerate). */
export interface FixCommand {
  command: string;
  /** Directory to run it in, relative to the working directory. */
  directory: string;
  reason: string;
}

export interface CheckResult {
  findings: Finding[];
  edits?: FileEdit[];
  commands?: FixCommand[];
  /** What was checked, for the summary (`3 manifests in 2 files`). */
  checked: string;
}

export interface Check {
  /** The category name, as the `categories` input and the summary write it. */
  readonly category: string;
  /** Relative weight in the readiness score. */
  readonly weight: number;
  /** Whether the repository has anything for this check (the `categories` input runs it anyway). */
  applies(scope: CheckScope): boolean;
  check(scope: CheckScope): Promise<CheckResult>;
}

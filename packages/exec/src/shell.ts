/**
 * The `Shell` port: the one way Shipgate touches a host, whether it is the runner itself or a VM reached over
 * SSH. Commands are argv arrays, never shell text, so no value can turn into shell syntax on the way.
 */

/** Options of {@link Shell.run}. */
export interface RunOptions {
  /** Written to the command's stdin, which is then closed. */
  input?: string;
  /** Kill the command after this many milliseconds (a `TimeoutError` is thrown). Default 60 000. */
  timeoutMs?: number;
  /** Directory the command runs in (local shells only); default the current directory. */
  cwd?: string;
}

/** What a finished command returned. A non-zero exit is a result, not an error: callers decide what it means. */
export interface RunResult {
  /** Exit code, or `null` when a signal ended the command. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A host on which Shipgate runs commands and edits files. */
export interface Shell {
  /**
   * Runs `argv[0]` with the other elements as its arguments, without a local shell. Resolves with the exit
   * code and output; throws an `ExecError` only when the command could not be run at all (not installed,
   * host unreachable) and a `TimeoutError` when it ran past `timeoutMs`.
   */
  run(argv: readonly string[], options?: RunOptions): Promise<RunResult>;
  /** The file's text, or `undefined` when it does not exist. Throws an `ExecError` for anything else. */
  readFile(path: string): Promise<string | undefined>;
  /**
   * Replaces the file's content atomically: a temp file in the same directory, renamed over the target, so a
   * reader sees the old content or the new, never half of it. An existing file keeps its mode (and, where
   * permitted, its owner).
   */
  writeFileAtomic(path: string, content: string): Promise<void>;
  /** Removes the file; a missing file is not an error. */
  removeFile(path: string): Promise<void>;
  /** Where commands run, for messages: `the runner`, `deploy@10.0.0.5`. */
  describe(): string;
  /** Releases what the shell holds (connections, key files). Idempotent. */
  close(): Promise<void>;
}

/** Default for {@link RunOptions.timeoutMs}. */
export const DEFAULT_TIMEOUT_MS = 60_000;

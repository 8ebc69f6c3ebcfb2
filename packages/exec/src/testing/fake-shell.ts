/**
 * A `Shell` for tests: files live in a map, and commands are answered by a function the test gives.
 */
import type { RunOptions, RunResult, Shell } from '../shell.js';

/** Answers one command: return what it "printed" and its exit code. */
export type FakeCommand = (argv: readonly string[], options: RunOptions) => RunResult | Promise<RunResult>;

/** One thing the fake was asked to do, in order. */
export type FakeShellCall =
  | { kind: 'run'; argv: string[]; input: string | undefined }
  | { kind: 'read'; path: string }
  | { kind: 'write'; path: string; content: string }
  | { kind: 'remove'; path: string };

/** An in-memory host: every command succeeds with no output unless `command` says otherwise. */
export class FakeShell implements Shell {
  readonly files = new Map<string, string>();
  readonly calls: FakeShellCall[] = [];
  closed = false;

  constructor(
    private readonly command: FakeCommand = () => ({ code: 0, stdout: '', stderr: '' }),
    files: Record<string, string> = {},
  ) {
    for (const [path, content] of Object.entries(files)) this.files.set(path, content);
  }

  async run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    this.calls.push({ kind: 'run', argv: [...argv], input: options.input });
    return this.command(argv, options);
  }

  async readFile(path: string): Promise<string | undefined> {
    this.calls.push({ kind: 'read', path });
    return this.files.get(path);
  }

  async writeFileAtomic(path: string, content: string): Promise<void> {
    this.calls.push({ kind: 'write', path, content });
    this.files.set(path, content);
  }

  async removeFile(path: string): Promise<void> {
    this.calls.push({ kind: 'remove', path });
    this.files.delete(path);
  }

  /** The argv of every command run so far. */
  commands(): string[][] {
    return this.calls.flatMap((call) => (call.kind === 'run' ? [call.argv] : []));
  }

  describe(): string {
    return 'a fake host';
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

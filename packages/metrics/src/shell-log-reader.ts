/**
 * A {@link LogReader} over a shell (`packages/exec`'s `LocalShell` or `SshShell`): `stat -c %s` for the size
 * and `tail -c +N` for the bytes appended. GNU coreutils' `stat` is assumed (Linux servers).
 */
import { ExecError } from '@shipgate/core';
import type { LogReader } from './log-reader.js';

/**
 * The part of `packages/exec`'s `Shell` this reader uses, declared here so the metrics package depends on
 * two methods rather than the whole port: every `Shell` fits. As there, a non-zero exit is a result, and
 * `run` throws only when the command could not run at all (host unreachable) or timed out.
 */
export interface LogShell {
  /** Where the commands run, for messages: "deploy@10.0.0.5". */
  describe(): string;
  run(
    argv: readonly string[],
    options?: { timeoutMs?: number },
  ): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Options of {@link shellLogReader}. */
export interface ShellLogReaderOptions {
  /** Deadline of each command in milliseconds. Default 30 000. */
  timeoutMs?: number;
}

const MISSING = /No such file or directory/i;

/** Builds a reader that runs `stat` and `tail` through `shell`. */
export function shellLogReader(shell: LogShell, options: ShellLogReaderOptions = {}): LogReader {
  const timeoutMs = options.timeoutMs ?? 30_000;

  /** Runs a command: its output, or `undefined` when it failed because the file does not exist. */
  const run = async (argv: string[]): Promise<string | undefined> => {
    const result = await shell.run(argv, { timeoutMs });
    if (result.code === 0) return result.stdout;
    if (MISSING.test(result.stderr)) return undefined;
    throw new ExecError(argv.join(' '), result.code, result.stderr);
  };

  return {
    describe: () => shell.describe(),
    async read(path, fromByte, maxBytes = Number.POSITIVE_INFINITY) {
      // Size first: bytes appended between the two commands are read now, and counted against the next size.
      const stat = await run(['stat', '-c', '%s', path]);
      if (stat === undefined) return undefined;
      const size = Number(stat.trim());
      if (stat.trim() === '' || !Number.isInteger(size) || size < 0) {
        throw new ExecError(`stat -c %s ${path}`, 0, `expected a size in bytes, got ${JSON.stringify(stat.trim())}`);
      }
      if (fromByte >= size) return { text: '', size };
      if (size - fromByte > maxBytes) return { text: '', size, tooLarge: size - fromByte };
      const text = await run(['tail', '-c', `+${fromByte + 1}`, path]);
      return text === undefined ? undefined : { text, size };
    },
  };
}

/**
 * The `Shell` on the machine Shipgate runs on: the runner, or a developer's laptop with the CLI.
 */
import { randomBytes } from 'node:crypto';
import { chmod, chown, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { childEnvironment, ExecError } from '@shipgate/core';
import { runProcess } from './spawn-process.js';
import type { RunOptions, RunResult, Shell } from './shell.js';

function fileError(what: string, path: string, error: unknown): ExecError {
  const code = (error as NodeJS.ErrnoException).code;
  const hint =
    code === 'EACCES' || code === 'EPERM'
      ? `The user running Shipgate needs read and write access to ${dirname(path)}.`
      : undefined;
  return new ExecError(`${what} ${path}`, null, error instanceof Error ? error.message : String(error), {
    cause: error,
    ...(hint ? { hint } : {}),
  });
}

/**
 * Runs commands as child processes of this one, with an argv and never through a shell. The commands see the
 * job's environment without the step's inputs and the runner's credentials (`childEnvironment`): a deploy script
 * gets a token only when the workflow passes it explicitly.
 */
export class LocalShell implements Shell {
  /** @param env The environment commands see; default this process's, less inputs and credentials. */
  constructor(private readonly env?: NodeJS.ProcessEnv) {}

  run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    return runProcess(argv, { ...options, env: this.env ?? childEnvironment(process.env) });
  }

  async readFile(path: string): Promise<string | undefined> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw fileError('read', path, error);
    }
  }

  async writeFileAtomic(path: string, content: string): Promise<void> {
    // Through a symlink to its target, on purpose, so the link survives (sites-enabled -> sites-available):
    // whoever can replace the link already controls nginx's configuration. What must not be redirectable is
    // the temporary file: its name is random, and `wx` opens it with O_CREAT | O_EXCL, which fails on any
    // existing name, a planted symbolic link included (O_EXCL never follows one). The rename then replaces the
    // target itself, not whatever it might point to.
    const target = await realpath(path).catch(() => path);
    const previous = await stat(target).catch(() => undefined);
    // Same directory, so the rename is atomic (same file system); the leading dot keeps it out of globs
    // such as nginx's `include conf.d/*.conf`.
    const temp = join(dirname(target), `.${basename(target)}.shipgate-${randomBytes(6).toString('hex')}`);
    try {
      await writeFile(temp, content, { flag: 'wx', mode: previous ? previous.mode & 0o7777 : 0o644 });
      if (previous) {
        // writeFile's mode is filtered by the umask; the file must end up exactly as it was.
        await chmod(temp, previous.mode & 0o7777);
        await chown(temp, previous.uid, previous.gid).catch(() => undefined); // only root may give files away
      }
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw fileError('write', path, error);
    }
  }

  async removeFile(path: string): Promise<void> {
    try {
      await rm(path, { force: true });
    } catch (error) {
      throw fileError('remove', path, error);
    }
  }

  describe(): string {
    return 'the runner';
  }

  async close(): Promise<void> {
    // Nothing held.
  }
}

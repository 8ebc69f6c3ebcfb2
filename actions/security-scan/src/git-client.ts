/**
 * The one choke point for git: every call goes through `git()`, without a shell, in the repository's directory.
 * Read-only: pull-request mode compares two commits and reads files of the head commit.
 */
import { ShipgateError } from '@shipgate/kit';
import type { Shell } from '@shipgate/exec';
import { parseAddedLines, parseNumstat, type ChangedFile, type LineRanges } from './diff-parse.js';

/** More output than this from one command is cut by the exec adapter; a read that reaches it is not trusted. */
const OUTPUT_LIMIT = 16 * 1024 * 1024;

export class GitClient {
  constructor(
    private readonly shell: Shell,
    /** The directory git runs in (inside the repository). */
    private readonly dir: string,
  ) {}

  private async git(args: readonly string[], allowFailure = false): Promise<{ code: number | null; stdout: string }> {
    const result = await this.shell.run(['git', '-C', this.dir, '-c', 'core.quotePath=false', ...args], {
      timeoutMs: 120_000,
    });
    if (result.code !== 0 && !allowFailure) {
      const first = result.stderr.trim().split('\n')[0] ?? '';
      throw new ShipgateError(`git ${args[0]} failed: ${first}`, {
        hint: /dubious ownership/.test(result.stderr)
          ? 'The checkout belongs to another user (a container job?): run git config --global --add safe.directory "$GITHUB_WORKSPACE" before this step.'
          : 'security-scan reads the repository with git: check out the repository (actions/checkout) first.',
      });
    }
    return { code: result.code, stdout: result.stdout };
  }

  /** The repository's top level, absolute. */
  async topLevel(): Promise<string> {
    return (await this.git(['rev-parse', '--show-toplevel'])).stdout.trim();
  }

  /** The commit `rev` names, as a full SHA; a clear error when it is not in the clone. */
  async resolveCommit(rev: string, source: string): Promise<string> {
    const { code, stdout } = await this.git(
      ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`],
      true,
    );
    if (code !== 0)
      throw new ShipgateError(`The commit ${rev} (${source}) is not in the clone.`, {
        hint: 'pull-request mode compares the base and head commits: check out with fetch-depth: 0 (actions/checkout), or fetch both commits.',
      });
    return stdout.trim();
  }

  /** Where the head branched from the base (what the pull request's diff starts from). */
  async mergeBase(base: string, head: string): Promise<string> {
    const { code, stdout } = await this.git(['merge-base', base, head], true);
    if (code !== 0)
      throw new ShipgateError(
        `The commits ${base.slice(0, 12)} and ${head.slice(0, 12)} have no common ancestor in the clone.`,
        {
          hint: 'A shallow clone hides it: check out with fetch-depth: 0 (actions/checkout).',
        },
      );
    return stdout.trim();
  }

  /** The files with added lines between two commits, under `pathspec` (relative to `dir`). */
  async changedFiles(base: string, head: string, pathspec: string): Promise<ChangedFile[]> {
    const { stdout } = await this.git(['diff', '--numstat', '-z', '-M', '--no-ext-diff', base, head, '--', pathspec]);
    if (stdout.length >= OUTPUT_LIMIT)
      throw new ShipgateError('The pull request changes too many files to list.', {
        hint: 'Scan it in full mode (mode: full) instead.',
      });
    return parseNumstat(stdout);
  }

  /** The lines of `file` (top-level relative) that the head adds. */
  async addedLines(base: string, head: string, file: ChangedFile): Promise<LineRanges> {
    const paths = file.from ? [file.from, file.path] : [file.path];
    const { stdout } = await this.git([
      'diff',
      '-U0',
      '-M',
      '--no-color',
      '--no-ext-diff',
      base,
      head,
      '--',
      ...paths.map((p) => `:(top,literal)${p}`),
    ]);
    return parseAddedLines(stdout);
  }

  /** The sizes of files in a commit (top-level relative paths), `undefined` for what is not a file there. */
  async sizes(commit: string, paths: readonly string[]): Promise<Map<string, number | undefined>> {
    const sizes = new Map<string, number | undefined>();
    if (paths.length === 0) return sizes;
    // One object per line: a path holding a newline cannot be named here, and is read (and bounded) on its own.
    const named = paths.filter((p) => !p.includes('\n'));
    const input = named.map((p) => `${commit}:${p}\n`).join('');
    const result = await this.shell.run(
      ['git', '-C', this.dir, 'cat-file', '--batch-check=%(objecttype) %(objectsize)'],
      {
        input,
        timeoutMs: 120_000,
      },
    );
    const lines = result.stdout.split('\n');
    named.forEach((path, i) => {
      const m = /^blob (\d+)$/.exec(lines[i] ?? '');
      sizes.set(path, m ? Number(m[1]) : undefined);
    });
    return sizes;
  }

  /** A file of a commit as text; `undefined` when it is not there or is too large to read whole. */
  async readFile(commit: string, path: string): Promise<string | undefined> {
    const { code, stdout } = await this.git(['cat-file', 'blob', `${commit}:${path}`], true);
    return code === 0 && stdout.length < OUTPUT_LIMIT ? stdout : undefined;
  }
}

/**
 * What error-detection touches outside its own process, behind narrow ports so the in-process tests pass fakes:
 * the tools' versions, the build command, and git's list of tracked files. All run through the exec package's
 * local shell (argv, no shell, own process group, without the step's inputs and credentials).
 */
import { LocalShell } from '@shipgate/exec';
import type { CommandRunner, ToolVersions } from './check.js';

export interface DetectionAdapters {
  tools: ToolVersions;
  /** Runs commands in `directory`. */
  commands(directory: string): CommandRunner;
  /** Files git tracks under `directory` (relative to it), or `undefined` outside a git checkout. */
  trackedFiles(directory: string): Promise<Set<string> | undefined>;
}

const VERSION_COMMANDS: Readonly<Record<Parameters<ToolVersions['version']>[0], readonly string[]>> = {
  node: ['node', '--version'],
  rustc: ['rustc', '--version'],
  go: ['go', 'version'],
  python: ['python3', '--version'],
};

/** The version in a tool's `--version` line: `v24.1.0`, `rustc 1.80.0 (...)`, `go version go1.22.1 linux/amd64`. */
export function versionIn(output: string): string | undefined {
  return /(?:^|[\sv]|go)(\d+\.\d+(?:\.\d+)?)/.exec(output)?.[1];
}

export function systemAdapters(shell = new LocalShell()): DetectionAdapters {
  return {
    tools: {
      async version(tool) {
        try {
          const result = await shell.run(VERSION_COMMANDS[tool], { timeoutMs: 15_000 });
          return result.code === 0 ? versionIn(`${result.stdout} ${result.stderr}`) : undefined;
        } catch {
          // Not installed (or hung): the finding says the tool is not on PATH.
          return undefined;
        }
      },
    },
    commands: (directory) => (argv, timeoutMs) => shell.run(argv, { timeoutMs, cwd: directory }),
    async trackedFiles(directory) {
      try {
        const result = await shell.run(['git', 'ls-files', '-z', '--full-name', '--', '.'], {
          cwd: directory,
          timeoutMs: 60_000,
        });
        if (result.code !== 0) return undefined;
        const prefix = await shell.run(['git', 'rev-parse', '--show-prefix'], { cwd: directory, timeoutMs: 15_000 });
        const below = prefix.code === 0 ? prefix.stdout.trim() : '';
        return new Set(
          result.stdout
            .split('\0')
            .filter((path) => path !== '' && path.startsWith(below))
            .map((path) => path.slice(below.length)),
        );
      } catch {
        return undefined; // git is not installed: whether a file is committed is not known
      }
    },
  };
}

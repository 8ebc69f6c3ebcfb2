import { quoteArgv } from '@shipgate/exec';
import { ExecError, TimeoutError, formatDuration } from '@shipgate/kit';
import type { Finding } from '@shipgate/findings';
import type { Check, CheckScope } from '../check.js';
import { findingOf } from '../finding-of.js';
import { parseBuildOutput, type Diagnostic } from './parse-build-output.js';

const CATEGORY = 'build';
const TAIL_LINES = 15;

const TOOL_NAMES: Readonly<Record<Diagnostic['tool'], string>> = {
  tsc: 'TypeScript',
  eslint: 'ESLint',
  cargo: 'Rust compiler',
  go: 'Go compiler',
};

/**
 * Runs `build-command` in the working directory and turns its tsc, eslint, cargo and go diagnostics into
 * findings: errors critical (the build fails), warnings medium. A failed command with nothing recognisable in
 * its output is one critical finding with the last lines of the output.
 */
export const buildCheck: Check = {
  category: CATEGORY,
  weight: 3,
  applies: (scope) => scope.buildCommand !== undefined,
  async check(scope) {
    const argv = scope.buildCommand;
    if (!argv) return { findings: [], checked: 'no build-command given' };
    const shown = quoteArgv(argv);
    scope.log(`Running the build command: ${shown}`);
    let result;
    try {
      result = await scope.runCommand(argv, scope.buildTimeoutMs);
    } catch (error) {
      if (!(error instanceof TimeoutError) && !(error instanceof ExecError)) throw error;
      const timedOut = error instanceof TimeoutError;
      return {
        findings: [
          findingOf({
            category: CATEGORY,
            ruleId: timedOut ? 'build/timeout' : 'build/not-started',
            title: timedOut ? 'Build command timed out' : 'Build command could not start',
            severity: 'critical',
            message: timedOut
              ? `${shown} ran longer than ${formatDuration(scope.buildTimeoutMs)} and was stopped`
              : `${shown} could not be started: ${error.message}`,
            help: timedOut ? 'Raise build-timeout, or make the command faster.' : (error.hint ?? 'Check the command.'),
          }),
        ],
        checked: shown,
      };
    }
    const output = `${result.stdout}\n${result.stderr}`;
    let directories: Map<string, string> | undefined;
    const workspaces = () => (directories ??= packageDirectories(scope));
    const findings = parseBuildOutput(output).map((d) => fromDiagnostic(scope, d, workspaces));
    if (result.code !== 0 && !findings.some((f) => f.severity === 'critical')) {
      const tail = output.trim().split(/\r?\n/).slice(-TAIL_LINES).join('\n');
      findings.push(
        findingOf({
          category: CATEGORY,
          ruleId: 'build/failed',
          title: 'Build command failed',
          severity: 'critical',
          message: `${shown} exited with ${result.code === null ? 'a signal' : `code ${result.code}`}${tail ? `; its output ends with:\n${tail}` : ' and printed nothing'}`,
          help: 'Run the command locally and fix what it reports.',
          identity: shown,
        }),
      );
    }
    return { findings, checked: `${shown} (exit code ${result.code ?? 'signal'})` };
  },
};

/**
 * The repository file a diagnostic names: as printed (relative to the working directory, or absolute), else, for
 * a tool npm ran in a workspace (paths relative to the package), inside that package's directory.
 */
function fileOf(scope: CheckScope, d: Diagnostic, workspaces: () => Map<string, string>): string | undefined {
  const file = scope.files.relativePath(d.file);
  if (file === undefined || scope.files.exists(file) || d.workspace === undefined) return file;
  const dir = workspaces().get(d.workspace);
  const inPackage = dir === undefined ? undefined : scope.files.relativePath(`${dir}/${d.file}`);
  return inPackage !== undefined && scope.files.exists(inPackage) ? inPackage : file;
}

/** Package names → their directories, from every package.json of the repository. */
function packageDirectories(scope: CheckScope): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of scope.files.list) {
    if (file !== 'package.json' && !file.endsWith('/package.json')) continue;
    try {
      const name = (JSON.parse(scope.files.read(file) ?? '{}') as { name?: unknown }).name;
      if (typeof name === 'string') found.set(name, file.slice(0, -'package.json'.length).replace(/\/$/, '') || '.');
    } catch {
      // not JSON: the dependencies check reports it
    }
  }
  return found;
}

function fromDiagnostic(scope: CheckScope, d: Diagnostic, workspaces: () => Map<string, string>): Finding {
  const file = fileOf(scope, d, workspaces);
  return findingOf({
    category: CATEGORY,
    ruleId: `build/${d.tool}`,
    title: `${TOOL_NAMES[d.tool]} ${d.level}`,
    severity: d.level === 'error' ? 'critical' : 'medium',
    message: `${d.code ? `${d.code}: ` : ''}${d.message}${file === undefined ? ` (in ${d.file}:${d.line}:${d.column})` : ''}`,
    ...(file === undefined ? {} : { file: scope.files.shown(file), line: d.line, column: d.column }),
    identity: `${d.code ?? ''} ${d.message}`,
  });
}

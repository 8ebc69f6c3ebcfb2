import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';
import type { AnnotationLevel } from './annotations.js';

/** Where an annotation points, in the runner's terms. */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

/**
 * The one port to the runner: everything an action says to GitHub goes through these methods. Tests use
 * `FakeActionsCore`.
 */
export interface ActionsCore {
  getInput(name: string): string;
  getState(name: string): string;
  saveState(name: string, value: string): void;
  setOutput(name: string, value: string): void;
  /** Masks a value in the log from now on (`::add-mask::`, what `core.setSecret` does). */
  setSecret(value: string): void;
  appendSummary(markdown: string): Promise<void>;
  annotate(level: AnnotationLevel, message: string, properties: AnnotationProperties): void;
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  isDebug(): boolean;
  setFailed(message: string): void;
}

/**
 * The runner-backed implementation, speaking the documented protocol (workflow commands on stdout, file
 * commands for outputs, state and summary) with the same escaping as `@actions/core`.
 * https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions
 * We do not load `@actions/core` itself: it imports undici for OIDC, which costs ~40 ms on every step start.
 */
export function createActionsCore(
  env: NodeJS.ProcessEnv = process.env,
  write: (text: string) => void = (text) => process.stdout.write(text),
): ActionsCore {
  const command = (name: string, message: string, properties: Record<string, string | number | undefined> = {}): void => {
    const props = Object.entries(properties)
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
      .join(',');
    write(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`);
  };
  const fileCommand = (variable: string, key: string, value: string, fallback: string): void => {
    const path = env[variable];
    if (!path) {
      command(fallback, value, { name: key });
      return;
    }
    const delimiter = `ghadelimiter_${randomUUID()}`;
    if (key.includes(delimiter) || value.includes(delimiter)) throw new Error(`Unexpected input: value contains the delimiter ${delimiter}`);
    appendFileSync(path, `${key}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
  };
  return {
    getInput: (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
    getState: (name) => env[`STATE_${name}`] ?? '',
    saveState: (name, value) => fileCommand('GITHUB_STATE', name, value, 'save-state'),
    setOutput: (name, value) => {
      if (!env.GITHUB_OUTPUT) write(EOL);
      fileCommand('GITHUB_OUTPUT', name, value, 'set-output');
    },
    setSecret: (value) => command('add-mask', value),
    appendSummary: async (markdown) => {
      // Outside a runner (no GITHUB_STEP_SUMMARY) there is nowhere to write; the CLI provides the file.
      if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown, 'utf8');
    },
    annotate: (level, message, p) =>
      command(level, message, { title: p.title, file: p.file, line: p.startLine, endLine: p.endLine, col: p.startColumn, endColumn: p.endColumn }),
    info: (message) => write(`${message}${EOL}`),
    warning: (message) => command('warning', message),
    debug: (message) => command('debug', message),
    isDebug: () => env.RUNNER_DEBUG === '1',
    setFailed: (message) => {
      process.exitCode = 1;
      command('error', message);
    },
  };
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

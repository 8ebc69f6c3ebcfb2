import * as core from '@actions/core';
import type { AnnotationLevel } from './annotations.js';
import { neutraliseCommands } from './workflow-commands.js';

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
 * The runner-backed implementation, on `@actions/core`. Every text written to the log is made plain first
 * (`neutraliseCommands`): messages carry replies of servers, command output and the like, which must never
 * become workflow commands.
 */
export function createActionsCore(): ActionsCore {
  const plain = neutraliseCommands;
  return {
    getInput: (name) => core.getInput(name),
    getState: (name) => core.getState(name),
    saveState: (name, value) => core.saveState(name, value),
    setOutput: (name, value) => core.setOutput(name, value),
    setSecret: (value) => core.setSecret(value),
    appendSummary: async (markdown) => {
      // Outside a runner (no GITHUB_STEP_SUMMARY) there is nowhere to write; the CLI provides the file.
      if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
    },
    annotate: (level, message, { title, ...where }) =>
      core[level](plain(message), { ...where, ...(title === undefined ? {} : { title: plain(title) }) }),
    info: (message) => core.info(plain(message)),
    warning: (message) => core.warning(plain(message)),
    debug: (message) => core.debug(plain(message)),
    isDebug: () => core.isDebug(),
    setFailed: (message) => core.setFailed(plain(message)),
  };
}

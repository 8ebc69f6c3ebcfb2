import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ActionsCore } from './runner-protocol.js';
import { budgetAnnotations, formatLocation, type Annotation } from './annotations.js';
import type { LoadedConfig } from '@shipgate/core';
import { configSource } from './config-source.js';
import { loadConfigFile } from './config-file.js';
import { firstOf, InputReader, type InputSource } from './inputs.js';
import { buildReport } from './report.js';
import type { RunnerContext } from './runner-context.js';
import { SecretRegistry } from './secrets.js';
import { Summary } from './summary.js';

/** Input names every action takes (DESIGN.md). */
export const CommonInputs = {
  Config: 'config',
  WorkingDirectory: 'working-directory',
  Environment: 'environment',
} as const;

/** The output that carries the path of the JSON report. */
export const ReportOutput = 'report';

/**
 * What a composition root gets: typed inputs (step inputs first, then the config file), the runner context,
 * and writers that redact secrets and respect GitHub's limits. Side effects are collected and flushed once
 * by `runAction`.
 */
export class ActionContext {
  readonly secrets: SecretRegistry;
  readonly inputs: InputReader;
  readonly summary = new Summary();
  readonly config: LoadedConfig | undefined;
  /** The directory the action works in: `working-directory` resolved against the workspace. */
  readonly workingDirectory: string;
  /** The target environment, when the step names one (inputs and config sections are chosen by it). */
  readonly environment: string | undefined;
  private readonly annotations: Annotation[] = [];

  /** Reads the common inputs, loads the config file they point at, and builds the context. */
  static async create(action: string, core: ActionsCore, runner: RunnerContext, now: () => Date = () => new Date()): Promise<ActionContext> {
    const secrets = new SecretRegistry((value) => core.setSecret(value));
    const stepInputs: InputSource = (name) => ({ value: core.getInput(name), origin: { kind: 'input' } });
    const early = new InputReader(stepInputs, secrets);
    const workingDirectory = resolve(runner.workspace, early.string(CommonInputs.WorkingDirectory, '.'));
    const environment = early.string(CommonInputs.Environment);
    const config = await loadConfigFile(workingDirectory, early.string(CommonInputs.Config));
    const sections: string[][] = environment ? [['environments', environment, action], [action]] : [[action]];
    const source = config ? firstOf(stepInputs, configSource(config, sections)) : stepInputs;
    return new ActionContext(action, core, runner, now, { secrets, inputs: new InputReader(source, secrets), config, workingDirectory, environment });
  }

  private constructor(
    readonly action: string,
    readonly core: ActionsCore,
    readonly runner: RunnerContext,
    readonly now: () => Date,
    parts: { secrets: SecretRegistry; inputs: InputReader; config: LoadedConfig | undefined; workingDirectory: string; environment: string | undefined },
  ) {
    this.secrets = parts.secrets;
    this.inputs = parts.inputs;
    this.config = parts.config;
    this.workingDirectory = parts.workingDirectory;
    this.environment = parts.environment;
  }

  /** Sets a step output, redacted. */
  setOutput(name: string, value: string | number | boolean): void {
    this.core.setOutput(name, this.secrets.redact(String(value)));
  }

  /** Saves a value for the post step. */
  saveState(name: string, value: string): void {
    this.core.saveState(name, value);
  }

  /** Adds an annotation; `runAction` shows the most important inline and lists the rest in the summary. */
  annotate(annotation: Annotation): void {
    this.annotations.push(annotation);
  }

  info(message: string): void {
    this.core.info(this.secrets.redact(message));
  }

  warning(message: string): void {
    this.core.warning(this.secrets.redact(message));
  }

  debug(message: string): void {
    this.core.debug(this.secrets.redact(message));
  }

  /**
   * Writes the versioned JSON report to `RUNNER_TEMP/shipgate/<action>-report.json`, redacted, and sets the
   * `report` output to its path. Returns the path.
   */
  writeReport<T>(data: T): string {
    const dir = join(this.runner.temp, 'shipgate');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${this.action}-report.json`);
    const text = JSON.stringify(buildReport(this.action, data, this.now()), null, 2);
    writeFileSync(path, `${this.secrets.redact(text)}\n`);
    this.setOutput(ReportOutput, path);
    return path;
  }

  /** Emits budgeted annotations and writes the summary (with the overflow listed). Called once by `runAction`. */
  async flush(): Promise<void> {
    const { inline, overflow } = budgetAnnotations(this.annotations);
    for (const a of inline) {
      this.core.annotate(a.level, this.secrets.redact(a.message), {
        ...(a.title ? { title: this.secrets.redact(a.title) } : {}),
        ...(a.file ? { file: a.file } : {}),
        ...(a.line ? { startLine: a.line } : {}),
        ...(a.endLine ? { endLine: a.endLine } : {}),
        ...(a.column ? { startColumn: a.column } : {}),
        ...(a.endColumn ? { endColumn: a.endColumn } : {}),
      });
    }
    if (overflow.length > 0) {
      this.summary.details(
        `${overflow.length} more finding${overflow.length === 1 ? '' : 's'} not shown as annotations`,
        new Summary()
          .table(['Level', 'Location', 'Message'], overflow.map((a) => [a.level, formatLocation(a), a.title ? `${a.title}: ${a.message}` : a.message]))
          .toMarkdown(),
      );
    }
    this.annotations.length = 0;
    if (!this.summary.isEmpty) await this.core.appendSummary(this.secrets.redact(this.summary.toMarkdown()));
  }
}

import { randomUUID } from 'node:crypto';
import { lstatSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ShipgateError, type InputOrigin } from '@shipgate/core';
import type { ActionsCore } from './runner-protocol.js';
import { budgetAnnotations, formatLocation, type Annotation } from './annotations.js';
import { COMMON_INPUTS } from './common-inputs.js';
import { configSource } from './config-source.js';
import { loadConfigFile, type ConfigFile } from './config-file.js';
import { THRESHOLD_KEYS } from './environments.js';
import type { ActionDefinition, InputTable } from './input-spec.js';
import { ActionInputs, firstOf, type InputSource } from './inputs.js';
import { buildReport } from './report.js';
import type { RunnerContext } from './runner-context.js';
import { SecretRegistry } from './secrets.js';
import { Summary } from './summary.js';
import { checkWorkspaceFile, resolveWorkingDirectory } from './workspace-paths.js';

/** Where a run registers what it opens (shells, records, transports), so it is released on every path. */
export type ResourceScope = Pick<AsyncDisposableStack, 'use' | 'adopt'>;

/** The output that carries the path of the JSON report. */
export const ReportOutput = 'report';

/**
 * What a composition root gets: typed inputs (step inputs first, then the config file, then the table's
 * defaults), every one already parsed and checked, the runner context, and writers that redact secrets and
 * respect GitHub's limits. Side effects are collected and flushed once by `runAction`.
 */
export class ActionContext<T extends InputTable = InputTable> implements ResourceScope {
  readonly secrets: SecretRegistry;
  readonly inputs: ActionInputs<T>;
  readonly summary: Summary;
  readonly config: ConfigFile | undefined;
  /** The directory the action works in: `working-directory` resolved against the workspace. */
  readonly workingDirectory: string;
  /** The target environment, when the step names one (inputs and config sections are chosen by it). */
  readonly environment: string | undefined;
  private readonly annotations: Annotation[];
  private readonly resources: AsyncDisposableStack;

  /**
   * Reads the common inputs, loads the config file they point at, then parses and checks every input of the
   * table (and every file a `file` input names) before the action does anything.
   */
  static async create<T extends InputTable>(
    definition: Pick<ActionDefinition, 'name'> & { inputs: T },
    core: ActionsCore,
    runner: RunnerContext,
    now: () => Date = () => new Date(),
    signal: AbortSignal = new AbortController().signal,
  ): Promise<ActionContext<T>> {
    const action = definition.name;
    const secrets = new SecretRegistry((value) => core.setSecret(value));
    const step: InputSource = (name) => ({ value: core.getInput(name), origin: { kind: 'input' } });
    const common = new ActionInputs(COMMON_INPUTS, { step }, secrets);
    const workingDirectory = resolveWorkingDirectory(runner.workspace, common.get('working-directory'));
    const environment = common.get('environment');
    const config = await loadConfigFile(
      workingDirectory,
      runner.workspace,
      common.get('config'),
      common.given('config'),
    );
    const inputs = readInputs(definition, step, core, secrets, { config, environment, workingDirectory, runner });
    return new ActionContext<T>(action, core, runner, now, signal, {
      secrets,
      inputs,
      config,
      workingDirectory,
      environment,
    });
  }

  /**
   * The context of an action this one composes (preflight runs error-detection and security-scan): the same
   * runner, secrets, summary, annotations and resources, with the part's own inputs read from the step and from
   * the part's sections of the config file (`<part>`, `environments.<env>.<part>`), every one checked now. `hide`
   * names step inputs of the composite that mean something else to it (its own `sarif-file`): the part sees them
   * as not given.
   */
  part<U extends InputTable>(
    definition: Pick<ActionDefinition, 'name'> & { inputs: U },
    options: { hide?: readonly string[] } = {},
  ): ActionContext<U> {
    const hidden = new Set(options.hide ?? []);
    const step: InputSource = (name) =>
      hidden.has(name) ? undefined : { value: this.core.getInput(name), origin: { kind: 'input' } };
    const inputs = readInputs(
      definition,
      step,
      this.core,
      this.secrets,
      {
        config: this.config,
        environment: this.environment,
        workingDirectory: this.workingDirectory,
        runner: this.runner,
      },
      // The composite has logged its own (the common inputs among them).
      (name) => !(name in this.inputs.table),
    );
    return new ActionContext<U>(
      definition.name,
      this.core,
      this.runner,
      this.now,
      this.signal,
      {
        secrets: this.secrets,
        inputs,
        config: this.config,
        workingDirectory: this.workingDirectory,
        environment: this.environment,
      },
      { summary: this.summary, annotations: this.annotations, resources: this.resources },
    );
  }

  private constructor(
    readonly action: string,
    readonly core: ActionsCore,
    readonly runner: RunnerContext,
    readonly now: () => Date,
    /** Aborted when the job is cancelled (SIGINT or SIGTERM): pass it to waits so the run unwinds at once. */
    readonly signal: AbortSignal,
    parts: {
      secrets: SecretRegistry;
      inputs: ActionInputs<T>;
      config: ConfigFile | undefined;
      workingDirectory: string;
      environment: string | undefined;
    },
    /** What a part shares with the action that composes it: one summary, one list of annotations, one scope. */
    shared?: { summary: Summary; annotations: Annotation[]; resources: AsyncDisposableStack },
  ) {
    this.secrets = parts.secrets;
    this.summary = shared?.summary ?? new Summary((text) => this.secrets.redact(text));
    this.annotations = shared?.annotations ?? [];
    this.resources = shared?.resources ?? new AsyncDisposableStack();
    this.inputs = parts.inputs;
    this.config = parts.config;
    this.workingDirectory = parts.workingDirectory;
    this.environment = parts.environment;
  }

  /**
   * Registers a resource (a shell, a record, a transport) that `runAction` releases when the run ends, on every
   * path: returned, thrown, or the job cancelled (then even while the run is still busy). Last registered, first
   * released. Once the job is cancelled, registering releases and throws: nothing new is opened after a cancel.
   */
  use<R extends AsyncDisposable | Disposable | null | undefined>(resource: R): R {
    if (this.resources.disposed) this.refuse(() => disposeOf(resource));
    this.resources.use(resource);
    this.signal.throwIfAborted();
    return resource;
  }

  /** Like {@link use}, for a value released by `release` (a shell's `close`). */
  adopt<R>(value: R, release: (value: R) => PromiseLike<void> | void): R {
    if (this.resources.disposed) this.refuse(() => release(value));
    this.resources.adopt(value, release);
    this.signal.throwIfAborted();
    return value;
  }

  /** Releases every registered resource, last first. Called by `runAction` when the run ends or is cancelled. */
  async release(): Promise<void> {
    await this.resources.disposeAsync();
  }

  /** A resource opened after the release (a run still busy after a cancel): released at once, and the run stopped. */
  private refuse(release: () => PromiseLike<void> | void): never {
    Promise.resolve()
      .then(release)
      .catch(() => undefined);
    throw this.signal.aborted ? this.signal.reason : new Error('The step has ended: nothing more can be opened.');
  }

  /**
   * A `file` input's path, absolute, and as shown in messages and annotations (relative to the workspace).
   * The file was checked (inside the workspace, present, a file) when the inputs were read, if given.
   */
  file(name: keyof T & string): { path: string; shown: string; given: boolean } | undefined {
    const value = this.inputs.get(name);
    if (typeof value !== 'string') return undefined;
    const path = resolve(this.workingDirectory, value);
    return { path, shown: relative(this.runner.workspace, path) || path, given: this.inputs.given(name) };
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
    // An earlier step of the job could have planted a link here: the report goes to no directory but ours.
    if (!lstatSync(dir).isDirectory())
      throw new ShipgateError(`Could not write the report: ${dir} is not a directory (a symbolic link?).`, {
        hint: 'Remove it; Shipgate writes its reports only into a directory of its own under RUNNER_TEMP.',
      });
    const path = join(dir, `${this.action}-report.json`);
    const text = JSON.stringify(buildReport(this.action, data, this.now()), null, 2);
    // A unique new file (wx: never through an existing name or a planted link), renamed over the report's name.
    const temporary = join(dir, `.${this.action}-report.${randomUUID()}.json`);
    writeFileSync(temporary, `${this.secrets.redact(text)}\n`, { flag: 'wx', mode: 0o600 });
    renameSync(temporary, path);
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
        this.summary
          .section()
          .table(
            ['Level', 'Location', 'Message'],
            overflow.map((a) => [a.level, formatLocation(a), a.title ? `${a.title}: ${a.message}` : a.message]),
          )
          .toMarkdown(),
      );
    }
    this.annotations.length = 0;
    if (!this.summary.isEmpty) await this.core.appendSummary(this.secrets.redact(this.summary.toMarkdown()));
  }
}

/** Disposes a resource given to `use`, whichever kind it is. */
async function disposeOf(resource: AsyncDisposable | Disposable | null | undefined): Promise<void> {
  if (!resource) return;
  if (Symbol.asyncDispose in resource) await resource[Symbol.asyncDispose]();
  else resource[Symbol.dispose]();
}

/**
 * An action's inputs: the step's, then its sections of the config file (and the environment's thresholds), then
 * the table's defaults; every one parsed and checked now, and each given one logged (debug) with its origin.
 */
function readInputs<T extends InputTable>(
  definition: Pick<ActionDefinition, 'name'> & { inputs: T },
  step: InputSource,
  core: Pick<ActionsCore, 'debug'>,
  secrets: SecretRegistry,
  where: {
    config: ConfigFile | undefined;
    environment: string | undefined;
    workingDirectory: string;
    runner: RunnerContext;
  },
  logged: (name: string) => boolean = () => true,
): ActionInputs<T> {
  const { config, environment, workingDirectory, runner } = where;
  const action = definition.name;
  const sections: string[][] = environment ? [['environments', environment, action], [action]] : [[action]];
  const thresholds: InputSource = (name) =>
    environment && config && Object.values(THRESHOLD_KEYS).includes(name)
      ? configSource(config, [['environments', environment]])(name)
      : undefined;
  const sources = {
    step,
    ...(config ? { config: firstOf(configSource(config, sections), thresholds) } : {}),
    checkFile: (name: string, raw: { value: string; origin: InputOrigin }) =>
      checkWorkspaceFile(name, raw, workingDirectory, runner.workspace),
  };
  const inputs = new ActionInputs(definition.inputs, sources, secrets);
  inputs.checkAll();
  for (const name of Object.keys(definition.inputs).filter(logged)) {
    const raw = inputs.raw(name);
    if (raw === undefined) continue;
    const shown = inputs.spec(name).kind === 'secret' ? '***' : JSON.stringify(raw.value);
    const from =
      raw.origin.kind === 'config'
        ? `${raw.origin.file}:${raw.origin.line ?? 1}:${raw.origin.column ?? 1} '${raw.origin.path}'`
        : 'the step';
    core.debug(secrets.redact(`Input '${name}' = ${shown} (from ${from})`));
  }
  return inputs;
}

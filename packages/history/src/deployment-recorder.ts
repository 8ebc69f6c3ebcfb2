import type { DeploymentState, DeploymentStore, NewDeployment, StatusLinks } from './deployment-store.js';

/** A final status. */
export type FinalState = 'success' | 'failure' | 'error';

/** What the recorder needs besides the store. */
export interface RecorderOptions {
  /** Where statuses link to (the run, the service). */
  links: Omit<StatusLinks, 'description'>;
  /** Redacts secrets from every text sent to GitHub. */
  redact: (text: string) => string;
  /** Reports a status that could not be written (a warning: the outcome itself stands). */
  warn: (message: string) => void;
}

/**
 * The lifecycle of one deployment record: created, marked `in_progress`, and ended with exactly one final
 * status on every path. `await using recorder = ...` ends it as `error` when the code that owns it leaves
 * without calling `finish` (an exception, a cancelled job), so a record never stays `in_progress`.
 * Without a store (no token), every call does nothing.
 */
export class DeploymentRecorder implements AsyncDisposable {
  private deploymentId: number | undefined;
  private finished = false;
  private readonly links: Omit<StatusLinks, 'description'>;

  constructor(
    private readonly store: DeploymentStore | undefined,
    private readonly options: RecorderOptions,
  ) {
    // Every text sent to GitHub is redacted, links too: an environment URL written with a password in it
    // (https://user:pass@host) would otherwise be shown to everyone who can read the repository.
    this.links = Object.fromEntries(
      Object.entries(options.links).map(([name, link]) => [name, options.redact(withoutUserinfo(link))]),
    );
  }

  /** The record's id, once created (or resumed). */
  get id(): number | undefined {
    return this.deploymentId;
  }

  /** Creates the record and marks it `in_progress`. */
  async start(deployment: NewDeployment, description: string): Promise<number | undefined> {
    if (!this.store) return undefined;
    const record = await this.store.create({
      ...deployment,
      description: this.options.redact(deployment.description),
      payload: redactStrings(deployment.payload, this.options.redact),
    });
    this.deploymentId = record.id;
    await this.setStatus(record.id, 'in_progress', description);
    return record.id;
  }

  /** Takes over a record another step created (the post step, from saved state). */
  resume(id: number): void {
    this.deploymentId = id > 0 ? id : undefined;
  }

  /** Ends the record with its final status, once; later calls do nothing. */
  async finish(state: FinalState, description: string): Promise<void> {
    if (this.finished || this.deploymentId === undefined || !this.store) return;
    this.finished = true;
    try {
      await this.setStatus(this.deploymentId, state, description);
    } catch (error) {
      this.options.warn(
        `Could not record '${state}' on GitHub Deployment ${this.deploymentId}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Sets a status on another record (the deployment a rollback replaced), warning instead of failing. */
  async mark(id: number, state: DeploymentState, description: string): Promise<void> {
    if (!this.store) return;
    try {
      await this.setStatus(id, state, description);
    } catch (error) {
      this.options.warn(
        `Could not record '${state}' on GitHub Deployment ${id}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Ends an unfinished record as `error`: the step left without a result. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.finish(
      'error',
      'The step ended before the deployment finished (an error or a cancelled job); see the run.',
    );
  }

  private async setStatus(id: number, state: DeploymentState, description: string): Promise<void> {
    await this.store?.setStatus(id, state, { ...this.links, description: this.options.redact(description) });
  }
}

/** A URL without its user and password (text that is not a URL is returned as it is). */
function withoutUserinfo(link: string): string {
  if (!URL.canParse(link)) return link;
  const url = new URL(link);
  if (url.username === '' && url.password === '') return link;
  url.username = '';
  url.password = '';
  return url.toString();
}

/** A copy of a JSON value with every string redacted. */
function redactStrings<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactStrings(item, redact)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactStrings(item as unknown, redact)]),
    ) as T;
  return value;
}

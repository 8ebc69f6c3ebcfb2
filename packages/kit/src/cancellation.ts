/**
 * A cancelled job, as the step sees it. GitHub's runner sends SIGINT, then SIGTERM about 7.5 s later, then kills
 * the process tree about 2.5 s after that
 * (https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-workflow-runs/canceling-a-workflow).
 * Node's default for either signal is to die on the spot, with no `exit` hook, no `finally` and no `await using`:
 * key files, SSH masters and `in_progress` records would stay behind. So the kit listens for both, aborts the run's
 * signal, gives the run a short grace to unwind, and then releases what it holds whether or not it has.
 */

import { ShipgateError } from '@shipgate/core';

/** Where the signals come from: `process`, or an emitter in tests. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

/** The signals of a cancelled job. */
export const CANCEL_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * How long the run may take to unwind after the first signal before its resources are released under it: less than
 * the runner's 7.5 s before SIGTERM, so releasing (closing shells, ending records) fits before the kill.
 */
export const CANCEL_GRACE_MS = 5000;

/** Thrown in place of the run's result when it did not end within the grace after a cancellation. */
export class CancelledError extends ShipgateError {
  constructor(readonly signal: NodeJS.Signals) {
    super(`The job was cancelled (${signal}) before the step finished; what the step held was released.`);
  }
}

/**
 * Watches for SIGINT and SIGTERM from creation until disposal. `signal` aborts at the first one; `settle` waits
 * for the run until it ends, or until the grace runs out or a second signal arrives, whichever comes first.
 */
export class Cancellation implements Disposable {
  private readonly controller = new AbortController();
  private received: NodeJS.Signals | undefined;
  private endGrace: (() => void) | undefined;
  private readonly graceOver: Promise<void>;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly source: SignalSource,
    private readonly graceMs: number = CANCEL_GRACE_MS,
  ) {
    this.graceOver = new Promise((resolve) => (this.endGrace = resolve));
    for (const name of CANCEL_SIGNALS) source.on(name, this.onSignal);
  }

  /** Aborted when the job is cancelled; its reason is a {@link CancelledError}. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The first signal received, if any. */
  get cancelledBy(): NodeJS.Signals | undefined {
    return this.received;
  }

  /**
   * The run's result; after a cancellation, a {@link CancelledError} instead once the grace is over (the run is
   * left to itself, its failure ignored).
   */
  async settle<T>(run: Promise<T>): Promise<T> {
    run.catch(() => undefined); // abandoned after the grace: its rejection must not end the process unhandled
    const over = this.graceOver.then(() => {
      throw new CancelledError(this.received ?? 'SIGTERM');
    });
    over.catch(() => undefined);
    return Promise.race([run, over]);
  }

  [Symbol.dispose](): void {
    for (const name of CANCEL_SIGNALS) this.source.off(name, this.onSignal);
    clearTimeout(this.timer);
  }

  private readonly onSignal = (signal: NodeJS.Signals): void => {
    if (this.received) {
      this.endGrace?.(); // the runner's second signal: no more waiting
      return;
    }
    this.received = signal;
    this.controller.abort(new CancelledError(signal));
    this.timer = setTimeout(() => this.endGrace?.(), this.graceMs);
  };
}

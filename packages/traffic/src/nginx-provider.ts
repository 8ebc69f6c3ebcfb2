/**
 * The nginx traffic provider: Shipgate owns one upstream file holding the stable and canary servers and
 * rewrites it at every stage, on the runner or on a VM over SSH (whichever `Shell` it is given).
 */
import type { TrafficContext, TrafficProvider } from '@shipgate/canary';
import { InputError, type Clock } from '@shipgate/core';
import { quoteArgv } from '@shipgate/exec';
import type { RunResult, Shell } from '@shipgate/exec';
import { systemClock } from '@shipgate/kit';
import { TRAFFIC_INPUTS } from './inputs.js';
import { renderUpstream, type UpstreamLayout, type UpstreamSpec } from './nginx-render.js';
import { readWorkers, waitForNewWorkers } from './nginx-workers.js';
import { SerialQueue } from './serial-queue.js';
import { checkSplitKey, checkTargets, checkUpstreamName, type SplitMode } from './targets.js';
import { TrafficError } from './traffic-error.js';
import { checkWeight } from './weights.js';

/** Options of {@link NginxTrafficProvider}: the nginx inputs, read once and parsed by the action. */
export interface NginxTrafficOptions {
  /** Where nginx runs: `LocalShell` or `SshShell`. */
  shell: Shell;
  /** `nginx-upstream`: the upstream name the site proxies to. */
  upstream: string;
  /** `nginx-upstream-file`: the absolute path of the file Shipgate owns. */
  upstreamFile: string;
  /** `stable-targets`. */
  stableTargets: string[];
  /** `canary-targets`. */
  canaryTargets: string[];
  /** `baseline-targets`: a fresh stable instance given the canary's weight while it is judged (see `renderUpstream`). */
  baselineTargets?: string[];
  /** `nginx-test-command` as argv (default `nginx -t`). */
  testCommand: string[];
  /** `nginx-reload-command` as argv (default `nginx -s reload`). */
  reloadCommand: string[];
  /**
   * Weighted round-robin (default), or sticky per client with `split_clients`; the site then proxies with
   * `proxy_pass http://$<upstream>_upstream;` (see `renderUpstream`).
   */
  split: SplitMode;
  /** What the file holds; default a whole `upstream` block. See {@link UpstreamLayout}. */
  layout?: UpstreamLayout;
  /**
   * `nginx-pid-file`: nginx's pid file (`/run/nginx.pid`). When given, each change returns only once nginx's new workers serve
   * it, and a master that refused the files after the reload signal is caught and the change undone.
   * Without it, a change returns when the reload command does, before nginx has applied it (about 0.1 s
   * later for a small configuration: see bench/canary/abort.js).
   */
  pidFile?: string;
  /** How long the master may take to start new workers after the reload signal. Default 10 000 ms. */
  reloadTimeoutMs?: number;
  /** How long old workers may keep finishing requests before the change counts as applied. Default 2 000 ms. */
  drainTimeoutMs?: number;
  /** Time source for the reload wait. Default the system clock. */
  clock?: Clock;
}

/** What a change is, for messages. */
interface Change {
  weight: number;
  /** `canary weight 25%`, `abort (all traffic to stable)`. */
  what: string;
  /** Keep the new (valid) file when only the reload failed, so a later reload or restart serves it. */
  keepIfReloadFails: boolean;
}

function nginxOutput(result: RunResult): string {
  return `${result.stderr}${result.stdout}`.trim();
}

/** Moves traffic by rewriting one nginx upstream file, checking it with `nginx -t` and reloading nginx. */
export class NginxTrafficProvider implements TrafficProvider {
  private readonly spec: UpstreamSpec;
  private readonly queue = new SerialQueue();
  private readonly clock: Clock;

  /** @throws InputError for bad settings (targets, upstream name, file, commands), before anything runs. */
  constructor(private readonly options: NginxTrafficOptions) {
    checkUpstreamName(options.upstream);
    checkTargets(options.stableTargets, options.canaryTargets, options.baselineTargets);
    if (!options.upstreamFile.startsWith('/')) {
      throw new InputError(
        TRAFFIC_INPUTS.upstreamFile,
        options.upstreamFile,
        'an absolute path on the nginx host, e.g. /etc/nginx/conf.d/app-upstream.conf',
      );
    }
    if (options.testCommand.length === 0)
      throw new InputError(TRAFFIC_INPUTS.testCommand, undefined, 'a command such as nginx -t');
    if (options.reloadCommand.length === 0)
      throw new InputError(TRAFFIC_INPUTS.reloadCommand, undefined, 'a command such as nginx -s reload');
    if (options.split.mode === 'sticky') {
      checkSplitKey(options.split.key);
      if (options.layout === 'servers') {
        throw new InputError(
          TRAFFIC_INPUTS.split,
          'sticky',
          "weighted when the file holds only server lines: split_clients must be at http level, so sticky mode needs the 'upstream' layout",
        );
      }
    }
    this.spec = {
      upstream: options.upstream,
      stableTargets: options.stableTargets,
      canaryTargets: options.canaryTargets,
      ...(options.baselineTargets ? { baselineTargets: options.baselineTargets } : {}),
      split: options.split,
      layout: options.layout ?? 'upstream',
    };
    this.clock = options.clock ?? systemClock;
  }

  describe(): string {
    const sticky = this.options.split.mode === 'sticky' ? ` (sticky on ${this.options.split.key})` : '';
    return `nginx upstream ${this.options.upstream}${sticky} in ${this.options.upstreamFile} on ${this.options.shell.describe()}`;
  }

  /** The file for `weight`, exactly as it will be written. */
  render(weight: number): string {
    return renderUpstream(this.spec, weight);
  }

  async setWeight(weight: number, _context: TrafficContext): Promise<void> {
    checkWeight(weight);
    return this.queue.run(() => this.apply({ weight, what: `canary weight ${weight}%`, keepIfReloadFails: false }));
  }

  promote(_context: TrafficContext): Promise<void> {
    return this.queue.run(() =>
      this.apply({ weight: 100, what: 'promote (all traffic to canary)', keepIfReloadFails: false }),
    );
  }

  /** All traffic to stable. Safe at any point and more than once: it rewrites and reloads every time. */
  abort(_context: TrafficContext): Promise<void> {
    return this.queue.run(() =>
      this.apply({ weight: 0, what: 'abort (all traffic to stable)', keepIfReloadFails: true }),
    );
  }

  private async apply(change: Change): Promise<void> {
    const { shell, upstreamFile: file } = this.options;
    const content = this.render(change.weight);
    const previous = await shell.readFile(file);
    const workers = this.options.pidFile ? await readWorkers(shell, this.options.pidFile) : undefined;
    await shell.writeFileAtomic(file, content);
    try {
      const test = await shell.run(this.options.testCommand);
      if (test.code !== 0) {
        await this.restore(previous, false);
        throw new TrafficError(
          `nginx rejected the upstream file for ${change.what}; the previous file is back and nginx keeps serving it. nginx said:\n${nginxOutput(test)}`,
          change.weight,
          nginxOutput(test),
          {
            hint: `'${quoteArgv(this.options.testCommand)}' on ${shell.describe()} shows the same message. Check ${TRAFFIC_INPUTS.stableTargets}, ${TRAFFIC_INPUTS.canaryTargets} and the configuration that includes ${file}.`,
          },
        );
      }
      const reload = await shell.run(this.options.reloadCommand);
      if (reload.code !== 0) await this.reloadFailed(change, previous, nginxOutput(reload));
      if (workers && this.options.pidFile) {
        const outcome = await waitForNewWorkers(
          shell,
          this.options.pidFile,
          workers,
          {
            timeoutMs: this.options.reloadTimeoutMs ?? 10_000,
            drainMs: this.options.drainTimeoutMs ?? 2_000,
            intervalMs: 10,
          },
          this.clock,
        );
        if (!outcome.applied) {
          await this.reloadFailed(
            change,
            previous,
            `nginx (master ${workers.master}, from ${this.options.pidFile}) started no new workers within ${this.options.reloadTimeoutMs ?? 10_000} ms of the reload signal, so it kept its old configuration. Its error log says why.`,
          );
        }
      }
    } catch (error) {
      if (error instanceof TrafficError) throw error;
      // A command that could not run at all (nginx missing, connection lost): put the old file back if we can.
      await this.restore(previous, false).catch(() => undefined);
      throw error;
    }
  }

  private async reloadFailed(change: Change, previous: string | undefined, output: string): Promise<never> {
    const kept = change.keepIfReloadFails;
    if (!kept) await this.restore(previous, true);
    const after = kept
      ? 'The new file passed the test and stays, so the next reload or restart serves it.'
      : 'The previous file is back and nginx was asked to reload it.';
    throw new TrafficError(
      `nginx did not apply the upstream file for ${change.what}. ${after} nginx said:\n${output}`,
      change.weight,
      output,
      {
        hint: `Check '${quoteArgv(this.options.reloadCommand)}' on ${this.options.shell.describe()}: it must signal the nginx that includes ${this.options.upstreamFile}, with the rights to do so (sudo).`,
      },
    );
  }

  /** Puts the previous file back (or removes the new one when there was none), and reloads if asked. */
  private async restore(previous: string | undefined, reload: boolean): Promise<void> {
    const { shell, upstreamFile } = this.options;
    if (previous === undefined) await shell.removeFile(upstreamFile);
    else await shell.writeFileAtomic(upstreamFile, previous);
    if (reload) await shell.run(this.options.reloadCommand).catch(() => undefined);
  }
}

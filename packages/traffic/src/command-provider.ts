/**
 * The command traffic provider: the user's own commands move traffic (a load balancer's CLI, a PaaS's
 * traffic-splitting API, a script). Each is argv with `{weight}`, `{stable-weight}`, `{version}` and
 * `{stage}` substituted inside its elements, run without a shell, so no value can inject anything.
 */
import type { TrafficContext, TrafficProvider } from '@shipgate/canary';
import { renderArgv } from '@shipgate/core';
import { InputError } from '@shipgate/core';
import { quoteArgv } from '@shipgate/exec';
import type { Shell } from '@shipgate/exec';
import { TRAFFIC_INPUTS } from './inputs.js';
import { SerialQueue } from './serial-queue.js';
import { TrafficError } from './traffic-error.js';
import { checkWeight } from './weights.js';

/** Options of {@link CommandTrafficProvider}: the command inputs, parsed into argv by `parseCommandLine`. */
export interface CommandTrafficOptions {
  /** Where the commands run (usually `LocalShell`; `SshShell` runs them on a host). */
  shell: Shell;
  /** `set-weight-command`. */
  setWeightCommand: string[];
  /** `promote-command`; default: set-weight-command with weight 100. */
  promoteCommand?: string[];
  /** `abort-command`; default: set-weight-command with weight 0. */
  abortCommand?: string[];
  /** Longest a command may run. Default 300 000 ms (5 minutes). */
  timeoutMs?: number;
}

/** The placeholders every command may use. */
export const COMMAND_PLACEHOLDERS = ['weight', 'stable-weight', 'version', 'stage'] as const;

function values(weight: number, context: TrafficContext): Record<(typeof COMMAND_PLACEHOLDERS)[number], string> {
  return {
    weight: String(weight),
    'stable-weight': String(Math.round((100 - weight) * 100) / 100),
    version: context.version,
    stage: String(context.stage),
  };
}

/** Moves traffic by running the user's commands. */
export class CommandTrafficProvider implements TrafficProvider {
  private readonly queue = new SerialQueue();

  /** @throws InputError when a command is empty. */
  constructor(private readonly options: CommandTrafficOptions) {
    const commands: [string, string[] | undefined][] = [
      [TRAFFIC_INPUTS.setWeightCommand, options.setWeightCommand],
      [TRAFFIC_INPUTS.promoteCommand, options.promoteCommand],
      [TRAFFIC_INPUTS.abortCommand, options.abortCommand],
    ];
    for (const [input, argv] of commands) {
      if (argv !== undefined && (argv.length === 0 || argv[0] === '')) {
        throw new InputError(
          input,
          undefined,
          'a command and its arguments, e.g. ./scripts/set-weight.sh {weight} {version}',
        );
      }
    }
  }

  describe(): string {
    return `commands (${TRAFFIC_INPUTS.setWeightCommand}: ${quoteArgv(this.options.setWeightCommand)}) on ${this.options.shell.describe()}`;
  }

  async setWeight(weight: number, context: TrafficContext): Promise<void> {
    checkWeight(weight);
    return this.queue.run(() =>
      this.runCommand(TRAFFIC_INPUTS.setWeightCommand, this.options.setWeightCommand, weight, context),
    );
  }

  promote(context: TrafficContext): Promise<void> {
    const { promoteCommand, setWeightCommand } = this.options;
    return this.queue.run(() =>
      promoteCommand
        ? this.runCommand(TRAFFIC_INPUTS.promoteCommand, promoteCommand, 100, context)
        : this.runCommand(TRAFFIC_INPUTS.setWeightCommand, setWeightCommand, 100, context),
    );
  }

  abort(context: TrafficContext): Promise<void> {
    const { abortCommand, setWeightCommand } = this.options;
    return this.queue.run(() =>
      abortCommand
        ? this.runCommand(TRAFFIC_INPUTS.abortCommand, abortCommand, 0, context)
        : this.runCommand(TRAFFIC_INPUTS.setWeightCommand, setWeightCommand, 0, context),
    );
  }

  private async runCommand(input: string, template: string[], weight: number, context: TrafficContext): Promise<void> {
    const argv = renderArgv(template, values(weight, context));
    const result = await this.options.shell.run(argv, { timeoutMs: this.options.timeoutMs ?? 300_000 });
    if (result.code === 0) return;
    const output = (result.stderr.trim() || result.stdout.trim()).slice(-4000);
    const how = result.code === null ? 'was killed by a signal' : `exited with code ${result.code}`;
    throw new TrafficError(
      `${input} ${how} moving the canary to ${weight}%: ${quoteArgv(argv)}${output ? `\n${output}` : ''}`,
      weight,
      output,
      {
        hint: `Traffic is where the command left it; Shipgate assumes the command changes nothing when it fails. Run it by hand on ${this.options.shell.describe()} to see more.`,
      },
    );
  }
}

/** What the command line asked for. */
export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'action-help'; action: string }
  | { kind: 'run'; action: string; inputs: Record<string, string>; debug: boolean };

/** A command line that cannot be understood; the CLI prints it and exits with 2. */
export class UsageError extends Error {}

/**
 * Parses `shipgate <action> [--<input> value | --<input>=value | --<flag>] [--debug] [--help]`.
 * A flag followed by another flag (or nothing) means `true`, like a boolean input.
 */
export function parseArgs(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { kind: 'help' };
  if (first === '--version' || first === '-v') return { kind: 'version' };
  if (first.startsWith('-')) throw new UsageError(`Unknown option '${first}'. Run 'shipgate --help' for usage.`);
  const inputs: Record<string, string> = {};
  let debug = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'action-help', action: first };
    if (arg === '--debug') {
      debug = true;
      continue;
    }
    if (!arg.startsWith('--') || arg.length === 2) throw new UsageError(`Expected --<input> [value], got '${arg}'. Run 'shipgate ${first} --help' to list the inputs.`);
    const eq = arg.indexOf('=');
    if (eq > 0) {
      inputs[arg.slice(2, eq)] = arg.slice(eq + 1);
      continue;
    }
    const next = rest[i + 1];
    if (next === undefined || next.startsWith('--')) {
      inputs[arg.slice(2)] = 'true';
    } else {
      inputs[arg.slice(2)] = next;
      i++;
    }
  }
  return { kind: 'run', action: first, inputs, debug };
}

import { parseArgs as parseNodeArgs, type ParseArgsOptionsConfig } from 'node:util';
import { closest } from './suggest.js';

/** What the first word of the command line asked for. */
export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'action'; action: string; args: string[] };

/** What `shipgate <action> ...` asked for, once the action's inputs are known. */
export interface RunRequest {
  help: boolean;
  debug: boolean;
  /** Print one JSON object (outputs and report) on stdout; the log goes to stderr. */
  json: boolean;
  /** `--input-file`: a YAML file of `name: value` inputs. */
  inputFile: string | undefined;
  /** Inputs given as flags. */
  inputs: Record<string, string>;
}

/** A command line that cannot be understood; the CLI prints it and exits with 2. */
export class UsageError extends Error {}

/** The CLI's own flags. An action input with one of these names can be given only by file or environment. */
export const CLI_FLAGS = ['help', 'debug', 'json', 'input-file'] as const;

/** Reads the first word: `--help`, `--version`, or the action to run (a name or a directory). */
export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { kind: 'help' };
  if (first === '--version' || first === '-v') return { kind: 'version' };
  if (first.startsWith('-')) throw new UsageError(`Unknown option '${first}'. Run 'shipgate --help' for usage.`);
  return { kind: 'action', action: first, args: rest };
}

/**
 * Parses the flags after the action with `node:util` `parseArgs`, strictly: every declared input is a string
 * option that needs a value (`--name value` or `--name=value`; booleans too: `--emergency true`). A flag without
 * its value, an undeclared flag (with the closest declared input suggested) or a stray word is a `UsageError`.
 */
export function parseRunArgs(action: string, args: readonly string[], declared: readonly string[]): RunRequest {
  const inputNames = declared.filter((name) => !(CLI_FLAGS as readonly string[]).includes(name));
  const options: ParseArgsOptionsConfig = {
    help: { type: 'boolean', short: 'h' },
    debug: { type: 'boolean' },
    json: { type: 'boolean' },
    'input-file': { type: 'string' },
  };
  for (const name of inputNames) options[name] = { type: 'string' };
  const helpHint = `Run 'shipgate ${action} --help' to list its inputs.`;

  // A lenient pass first, for messages that name the flag; the strict pass below then cannot fail.
  const { tokens } = parseNodeArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help'))
    return { help: true, debug: false, json: false, inputFile: undefined, inputs: {} };
  for (const token of tokens) {
    if (token.kind === 'positional')
      throw new UsageError(`Unexpected argument '${token.value}': inputs are given as --<input> <value>. ${helpHint}`);
    if (token.kind !== 'option') continue;
    const option = options[token.name];
    if (!option) {
      const suggestion = closest(token.name, inputNames);
      throw new UsageError(
        `Unknown input '${token.rawName}' for ${action}.` +
          (suggestion ? ` Did you mean '--${suggestion}'?` : '') +
          ` Its inputs are: ${inputNames.join(', ') || 'none'}.`,
      );
    }
    if (option.type === 'boolean' && token.value !== undefined)
      throw new UsageError(`'${token.rawName}' takes no value.`);
    if (option.type !== 'string') continue;
    if (token.value === undefined) throw new UsageError(missingValue(token.rawName));
    if (!token.inlineValue && token.value.startsWith('-')) {
      throw new UsageError(
        `${missingValue(token.rawName)} It is followed by '${token.value}'; ` +
          `if that is the value, write ${token.rawName}=${token.value}.`,
      );
    }
  }

  try {
    const { values } = parseNodeArgs({ args: [...args], options, strict: true, allowPositionals: false });
    const inputs: Record<string, string> = {};
    for (const name of inputNames) if (typeof values[name] === 'string') inputs[name] = values[name];
    const inputFile = values['input-file'];
    return {
      help: false,
      debug: values.debug === true,
      json: values.json === true,
      inputFile: typeof inputFile === 'string' ? inputFile : undefined,
      inputs,
    };
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)} ${helpHint}`);
  }
}

function missingValue(flag: string): string {
  return flag === '--input-file'
    ? "'--input-file' needs the path of a file of inputs."
    : `'${flag}' needs a value: ${flag} <value> or ${flag}=<value>. ` +
        'Every input takes one, booleans too (--emergency true).';
}

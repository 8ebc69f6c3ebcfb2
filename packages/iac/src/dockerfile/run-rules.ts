/** The RUN rules: apt-get without --no-install-recommends, apt lists left behind, cd instead of WORKDIR. */
import { JSONInstruction, ModifiableInstruction, type Instruction } from 'dockerfile-ast';
import type { IacRule } from '../rule.js';
import { DOCKERFILE_RULES as R } from './rules.js';
import { shellCommands, type ShellCommand } from './shell-commands.js';
import type { Issue, Range, Stage } from './stages.js';

/** Written in JSON (exec) form: `RUN ["a", "b"]`. ADD and RUN are JSONInstructions in either form. */
export const isExecForm = (instruction: Instruction): instruction is JSONInstruction =>
  instruction instanceof JSONInstruction && instruction.getJSONStrings().length > 0;

/** The shell script a RUN runs: its heredoc bodies, its exec-form words, or its shell-form text. */
function runScript(instruction: Instruction): string {
  if (isExecForm(instruction)) {
    const words = instruction.getJSONStrings().map((s) => s.getValue());
    return words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  }
  const content = instruction.getArgumentsContent() ?? '';
  const heredoc = /^<<-?\s*["']?(\w+)["']?[^\n]*\n([\s\S]*?)\n\s*\1\s*$/.exec(content);
  return heredoc ? heredoc[2]! : content;
}

const program = (command: ShellCommand): string => (command.words[0] ?? '').replace(/^.*\//, '');

/** The subcommand of an apt-get, apt or aptitude command (`install`), skipping options and their values. */
function aptSubcommand(command: ShellCommand): string | undefined {
  if (!['apt-get', 'apt', 'aptitude'].includes(program(command))) return undefined;
  const words = command.words;
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (['-o', '-c', '-t', '--option', '--config-file', '--target-release'].includes(word)) i++;
    else if (!word.startsWith('-')) return word;
  }
  return undefined;
}

/** apt-get and cd in the RUN instructions of one stage (`index` among `stages`). */
export function runIssues(stage: Stage, index: number, stages: readonly Stage[], all: readonly Instruction[]): Issue[] {
  const issues: Issue[] = [];
  // apt lists matter in the image people run and in stages later stages are built on (as hadolint's DL3009).
  const listsMatter = index === stages.length - 1 || stages.some((s, j) => j > index && s.base === index);
  for (const instruction of stage.instructions) {
    if (instruction.getKeyword() !== 'RUN') continue;
    const commands = shellCommands(runScript(instruction));
    const used = new Set<Range>();
    // Each command's program word, located in order, so that a second apt-get is not taken for the first.
    const where = new Map(commands.map((command) => [command, locateWord(instruction, command.words[0]!, used)]));
    const at = (command: ShellCommand): Range => where.get(command) ?? instruction.getInstructionRange();
    const add = (rule: IacRule, message: string, range: Range) =>
      issues.push({
        rule,
        message,
        range,
        instruction,
        identity: `stage ${index} ${rule.id} ${message} ${instruction.getRawArgumentsContent() ?? ''}`,
      });
    let updateCommand: ShellCommand | undefined;
    for (const command of commands) {
      const name = program(command);
      if (name === 'cd' && !command.subshell)
        add(R.cdInRun, 'RUN uses cd to change directory; use WORKDIR', at(command));
      const sub = aptSubcommand(command);
      if (sub === 'update') updateCommand ??= command;
      if (
        sub === 'install' &&
        (name === 'apt-get' || name === 'apt') &&
        !disablesRecommends(command) &&
        !aptConfiguredWithoutRecommends(all, instruction)
      )
        add(R.aptRecommends, `${name} install without --no-install-recommends`, at(command));
    }
    if (updateCommand && listsMatter && !cleansLists(commands) && !mountsAptLists(instruction))
      add(
        R.aptLists,
        `${program(updateCommand)} update without removing /var/lib/apt/lists in the same RUN`,
        at(updateCommand),
      );
  }
  return issues;
}

const disablesRecommends = (command: ShellCommand): boolean =>
  command.words.some(
    (w) => w === '--no-install-recommends' || /APT::Install-Recommends[= ]+["']?(?:false|0|no)\b/i.test(w),
  );

/** An earlier RUN that writes `APT::Install-Recommends "0"` into apt's configuration. */
function aptConfiguredWithoutRecommends(all: readonly Instruction[], before: Instruction): boolean {
  for (const instruction of all) {
    if (instruction === before) return false;
    if (
      instruction.getKeyword() === 'RUN' &&
      /APT::Install-Recommends\s*"?(?:false|0)"?/i.test(instruction.getRawArgumentsContent() ?? '')
    )
      return true;
  }
  return false;
}

const cleansLists = (commands: readonly ShellCommand[]): boolean =>
  commands.some(
    (c) =>
      (program(c) === 'rm' && c.words.some((w) => w.startsWith('/var/lib/apt/lists'))) ||
      (['apt-get', 'apt'].includes(program(c)) && ['distclean', 'dist-clean'].includes(aptSubcommand(c) ?? '')),
  );

/** `RUN --mount=type=cache|tmpfs,target=/var/lib/apt[/lists]`: the lists never reach the layer. */
function mountsAptLists(instruction: Instruction): boolean {
  const flags = instruction instanceof ModifiableInstruction ? instruction.getFlags() : [];
  return flags.some((flag) => {
    if (flag.getName() !== 'mount') return false;
    const value = flag.getValue() ?? '';
    return (
      /(?:^|,)type=(?:cache|tmpfs)(?:,|$)/.test(value) &&
      /(?:^|,)(?:target|dst|destination)=\/var\/lib\/apt(?:\/lists)?\/?(?:,|$)/.test(value)
    );
  });
}

/** The range of the first argument of `instruction` whose value is `word` (or ends in `/word`) not yet used. */
function locateWord(instruction: Instruction, word: string, used: Set<Range>): Range {
  for (const argument of instruction.getArguments()) {
    const value = argument.getValue();
    const range = argument.getRange();
    if (
      (value === word || value.endsWith(`/${word}`) || value === `(${word}`) &&
      ![...used].some((r) => sameRange(r, range))
    ) {
      used.add(range);
      return range;
    }
  }
  return instruction.getInstructionRange();
}

const sameRange = (a: Range, b: Range): boolean =>
  a.start.line === b.start.line && a.start.character === b.start.character;

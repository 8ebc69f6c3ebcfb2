import type { Finding } from '@shipgate/findings';
import {
  Arg,
  DockerfileParser,
  Env,
  From,
  JSONInstruction,
  ModifiableInstruction,
  type Instruction,
} from 'dockerfile-ast';
import { imagePinProblem } from '../image-reference.js';
import { iacFinding, type IacRule } from '../rule.js';
import { ignoredRules, isIgnored } from './ignore-comments.js';
import { DOCKERFILE_RULES as R } from './rules.js';
import { secretProblem } from './secret-variables.js';
import { shellCommands, type ShellCommand } from './shell-commands.js';
import { substitute } from './variables.js';

/** A 0-based range, as dockerfile-ast gives them (its Range type is vscode-languageserver-types'). */
type Range = ReturnType<Instruction['getRange']>;

interface Stage {
  from: From;
  /** The stage name after AS, lower-cased (stage names are case-insensitive). */
  name: string | undefined;
  /** The earlier stage this one is built on, when FROM names one. */
  base: number | undefined;
  /** The base image reference with global ARGs substituted; undefined when a build argument decides it. */
  image: string | undefined;
  instructions: Instruction[];
}

interface Issue {
  rule: IacRule;
  message: string;
  range: Range;
  /** The instruction whose preceding `# hadolint ignore=` comment applies. */
  instruction: Instruction;
  identity: string;
}

/** Archives ADD extracts (hadolint's list): ADD is the right instruction for them. */
const ARCHIVE = /\.(?:tar|tar\.(?:gz|bz2|xz|zst|lz|lzma|Z)|tgz|tbz2?|txz|tzst|tlz|gz|bz2|xz|zst|lz|lzma|Z)$/i;
const URL_SOURCE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;
const NON_ROOT_IMAGE = /nonroot|non-root|unprivileged|rootless|^cgr\.dev\/chainguard\//i;

/**
 * The findings of one Dockerfile: base images without a tag or with `latest` (ARG-substituted; stage names, digests
 * and `scratch` are fine), a final stage whose last USER is root or that sets none, ADD for local files, apt-get
 * install without --no-install-recommends, apt lists left in the image, `cd` instead of WORKDIR, secrets in ARG or
 * ENV (by name, as BuildKit's SecretsUsedInArgOrEnv, or by a value the secret rules recognise), and no HEALTHCHECK
 * (a notice). `# hadolint ignore=DL3007,...` before an instruction, `# hadolint global ignore=...` and BuildKit's
 * `# check=skip=...` turn rules off by their hadolint or BuildKit ids. Each finding is at its line:column.
 */
export function checkDockerfile(text: string, file: string): Finding[] {
  const dockerfile = DockerfileParser.parse(text);
  const instructions = dockerfile.getInstructions();
  const globals = new Map<string, string | undefined>();
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction instanceof From) {
      const raw = instruction.getImage();
      const image = raw === null ? undefined : substitute(raw, globals);
      const base = image === undefined ? -1 : stages.findIndex((s) => s.name === image.toLowerCase());
      const name = instruction.getBuildStage()?.toLowerCase();
      stages.push({ from: instruction, name, base: base === -1 ? undefined : base, image, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction instanceof Arg)
        for (const p of instruction.getProperties()) globals.set(p.getName(), p.getValue() ?? undefined);
    } else stages[stages.length - 1]!.instructions.push(instruction);
  }
  const issues: Issue[] = [];
  issues.push(...baseImageIssues(stages), ...secretIssues(instructions));
  stages.forEach((stage, index) => issues.push(...runIssues(stage, index, stages, instructions), ...addIssues(stage)));
  if (stages.length > 0) issues.push(...finalStageIssues(stages, globals));
  const ignores = ignoredRules(text, instructions);
  return issues
    .filter((issue) => !isIgnored(ignores, issue.rule, issue.instruction))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .map((issue) => iacFinding(issue.rule, issue.message, file, toRange(issue.range), issue.identity));
}

const toRange = (range: Range) => ({
  line: range.start.line + 1,
  column: range.start.character + 1,
  endLine: range.end.line + 1,
  endColumn: range.end.character + 1,
});

function baseImageIssues(stages: readonly Stage[]): Issue[] {
  const issues: Issue[] = [];
  stages.forEach((stage, index) => {
    const { image, from } = stage;
    if (image === undefined || image.toLowerCase() === 'scratch' || stage.base !== undefined) return;
    const problem = imagePinProblem(image);
    if (!problem) return;
    const rule = problem === 'latest' ? R.latestBase : R.untaggedBase;
    const message =
      problem === 'latest'
        ? `FROM ${image} uses the latest tag`
        : `FROM ${image} has no tag: it gets whatever latest is`;
    const range = from.getImageRange() ?? from.getRange();
    issues.push({ rule, message, range, instruction: from, identity: `stage ${index} ${image}` });
  });
  return issues;
}

/** Written in JSON (exec) form: `RUN ["a", "b"]`. ADD and RUN are JSONInstructions in either form. */
const isExecForm = (instruction: Instruction): instruction is JSONInstruction =>
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

function runIssues(stage: Stage, index: number, stages: readonly Stage[], all: readonly Instruction[]): Issue[] {
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

function addIssues(stage: Stage): Issue[] {
  const issues: Issue[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.getKeyword() !== 'ADD') continue;
    const sources = isExecForm(instruction)
      ? instruction
          .getJSONStrings()
          .slice(0, -1)
          .map((s) => ({ value: s.getValue(), range: s.getRange() }))
      : instruction
          .getArguments()
          .slice(0, -1)
          .map((a) => ({ value: a.getValue(), range: a.getRange() }));
    const local = sources.filter(
      (s) => !URL_SOURCE.test(s.value) && !ARCHIVE.test(s.value) && !s.value.startsWith('<<'),
    );
    const first = local[0];
    if (!first) continue;
    const names = local.map((s) => s.value).join(' ');
    issues.push({
      rule: R.addLocal,
      message: `ADD ${names} copies local files: use COPY`,
      range: first.range,
      instruction,
      identity: `ADD ${names}`,
    });
  }
  return issues;
}

function secretIssues(instructions: readonly Instruction[]): Issue[] {
  const issues: Issue[] = [];
  for (const instruction of instructions) {
    if (!(instruction instanceof Arg || instruction instanceof Env)) continue;
    const keyword = instruction.getKeyword();
    for (const property of instruction.getProperties()) {
      const name = property.getName();
      const problem = secretProblem(keyword === 'ARG' ? 'ARG' : 'ENV', name, property.getValue() ?? undefined);
      if (!problem) continue;
      const range =
        problem === 'value' ? (property.getValueRange() ?? property.getNameRange()) : property.getNameRange();
      const message =
        problem === 'value'
          ? `${keyword} ${name} holds a value that looks like a secret`
          : `${keyword} ${name}: a secret passed this way stays in the image and its history`;
      issues.push({ rule: R.secretInArgEnv, message, range, instruction, identity: `${keyword} ${name}` });
    }
  }
  return issues;
}

/** The stages the final image is made of, final first, following `FROM <stage>`. */
function finalChain(stages: readonly Stage[]): Stage[] {
  const chain: Stage[] = [];
  let index: number | undefined = stages.length - 1;
  while (index !== undefined && chain.length <= stages.length) {
    const stage: Stage = stages[index]!;
    chain.push(stage);
    index = stage.base;
  }
  return chain;
}

function finalStageIssues(stages: readonly Stage[], globals: ReadonlyMap<string, string | undefined>): Issue[] {
  const issues: Issue[] = [];
  const chain = finalChain(stages);
  const final = chain[0]!;
  const user = chain.flatMap((s) => s.instructions.filter((i) => i.getKeyword() === 'USER').reverse())[0];
  if (user) {
    const variables = new Map(globals);
    for (const stage of [...chain].reverse())
      for (const instruction of stage.instructions) {
        if (instruction === user) break;
        if (instruction instanceof Arg || instruction instanceof Env)
          for (const p of instruction.getProperties())
            variables.set(p.getName(), p.getValue() ?? variables.get(p.getName()));
      }
    const value = substitute((user.getArgumentsContent() ?? '').trim(), variables);
    if (value !== undefined && /^(?:root|0)(?::.*)?$/.test(value))
      issues.push({
        rule: R.rootUser,
        message: `the last USER of the final stage is ${value}: the container runs as root`,
        range: user.getRange(),
        instruction: user,
        identity: `USER ${value}`,
      });
  } else {
    const image = chain[chain.length - 1]!.image;
    if (image !== undefined && !NON_ROOT_IMAGE.test(image))
      issues.push({
        rule: R.rootUser,
        message: 'the final stage sets no USER: the container runs as root',
        range: final.from.getRange(),
        instruction: final.from,
        identity: 'no USER',
      });
  }
  if (!chain.some((s) => s.instructions.some((i) => i.getKeyword() === 'HEALTHCHECK')))
    issues.push({
      rule: R.noHealthcheck,
      message: 'the final stage has no HEALTHCHECK',
      range: final.from.getRange(),
      instruction: final.from,
      identity: 'no HEALTHCHECK',
    });
  return issues;
}

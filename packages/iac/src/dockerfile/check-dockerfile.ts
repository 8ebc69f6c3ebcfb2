import type { Finding } from '@shipgate/findings';
import { Arg, DockerfileParser, Env, From, type Instruction } from 'dockerfile-ast';
import { imagePinProblem } from '../image-reference.js';
import { iacFinding } from '../rule.js';
import { ignoredRules, isIgnored } from './ignore-comments.js';
import { DOCKERFILE_RULES as R } from './rules.js';
import { secretProblem } from './secret-variables.js';
import { isExecForm, runIssues } from './run-rules.js';
import { finalChain, type Issue, type Range, type Stage } from './stages.js';
import { substitute } from './variables.js';

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

function finalStageIssues(stages: readonly Stage[], globals: ReadonlyMap<string, string | undefined>): Issue[] {
  const issues: Issue[] = [];
  const chain = finalChain(stages);
  const final = chain[0]!;
  const isScratch = chain[chain.length - 1]!.image?.toLowerCase() === 'scratch';
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
    // A scratch image has no shell, tools or /etc/passwd: only an explicit USER root is reported there.
    if (image !== undefined && !NON_ROOT_IMAGE.test(image) && !isScratch)
      issues.push({
        rule: R.rootUser,
        message: 'the final stage sets no USER: the container runs as root',
        range: final.from.getRange(),
        instruction: final.from,
        identity: 'no USER',
      });
  }
  // Without a shell, a scratch image's health check would have to be built into its binary: no notice there.
  if (!isScratch && !chain.some((s) => s.instructions.some((i) => i.getKeyword() === 'HEALTHCHECK')))
    issues.push({
      rule: R.noHealthcheck,
      message: 'the final stage has no HEALTHCHECK',
      range: final.from.getRange(),
      instruction: final.from,
      identity: 'no HEALTHCHECK',
    });
  return issues;
}

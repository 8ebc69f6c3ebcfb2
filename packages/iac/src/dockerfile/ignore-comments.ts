import type { Instruction } from 'dockerfile-ast';
import type { IacRule } from '../rule.js';

/** The rule ids turned off for the whole file and before single instructions. */
export interface IgnoredRules {
  global: Set<string>;
  byInstruction: Map<Instruction, Set<string>>;
}

const IGNORE = /^hadolint\s+(global\s+)?ignore\s*=\s*([\w/,\s-]+)/i;
/** BuildKit's check directive: `# check=skip=SecretsUsedInArgOrEnv,JSONArgsRecommended` (or `skip=all`). */
const CHECK_SKIP = /^#\s*check\s*=\s*(?:[^;]*;)?\s*skip\s*=\s*([\w,\s-]+)/i;

const ids = (list: string): string[] =>
  list
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);

/**
 * The rules that hadolint's comments (`# hadolint ignore=DL3008,DL3015` before an instruction, `# hadolint global
 * ignore=...` anywhere) and BuildKit's `# check=skip=...` directive turn off.
 */
export function ignoredRules(text: string, instructions: readonly Instruction[]): IgnoredRules {
  const global = new Set<string>();
  const byInstruction = new Map<Instruction, Set<string>>();
  // Comments are read from the text: dockerfile-ast takes a first `# hadolint global ignore=x` for a directive.
  const lines = text.split('\n');
  let directives = true;
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (!trimmed.startsWith('#')) {
      directives = false;
      return;
    }
    // Parser directives come first, before any instruction or other comment.
    const skip = directives ? CHECK_SKIP.exec(trimmed) : null;
    if (skip) for (const id of ids(skip[1]!)) global.add(id);
    const match = IGNORE.exec(trimmed.slice(1).trim());
    if (!match) return;
    const list = ids(match[2]!);
    if (match[1]) {
      for (const id of list) global.add(id);
      return;
    }
    const next = instructions.find((i) => i.getRange().start.line > index);
    if (!next) return;
    const set = byInstruction.get(next) ?? new Set<string>();
    for (const id of list) set.add(id);
    byInstruction.set(next, set);
  });
  return { global, byInstruction };
}

/** Whether `rule` is off for `instruction`, named by its hadolint/BuildKit id or its own id. */
export function isIgnored(ignores: IgnoredRules, rule: IacRule, instruction: Instruction): boolean {
  const names = [rule.id, rule.hadolint].filter((n): n is string => n !== undefined).map((n) => n.toLowerCase());
  const matches = (set: Set<string> | undefined) =>
    set !== undefined && [...set].some((id) => id.toLowerCase() === 'all' || names.includes(id.toLowerCase()));
  return matches(ignores.global) || matches(ignores.byInstruction.get(instruction));
}

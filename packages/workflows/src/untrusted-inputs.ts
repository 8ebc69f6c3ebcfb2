import { Lexer, Parser } from '@actions/expressions';
import {
  Binary,
  ContextAccess,
  FunctionCall,
  Grouping,
  IndexAccess,
  Literal,
  Logical,
  Star,
  Unary,
  type Expr,
} from '@actions/expressions/ast';

/**
 * Values of the `github` context that whoever opens an issue or pull request, comments, names a branch or writes a
 * commit controls: GitHub Security Lab's list (securitylab.github.com/research/github-actions-untrusted-input),
 * as actionlint has it, plus committers, the previous text of an edited issue or comment (`changes`), and the same
 * texts reached through `workflow_run`, `merge_group` and `check_suite` payloads. `*` is any array index or key.
 */
export const UNTRUSTED_INPUTS: readonly string[] = [
  'github.event.issue.title',
  'github.event.issue.body',
  'github.event.pull_request.title',
  'github.event.pull_request.body',
  'github.event.pull_request.head.ref',
  'github.event.pull_request.head.label',
  'github.event.pull_request.head.repo.default_branch',
  'github.event.comment.body',
  'github.event.review.body',
  'github.event.review_comment.body',
  'github.event.discussion.title',
  'github.event.discussion.body',
  'github.event.pages.*.page_name',
  'github.event.commits.*.message',
  'github.event.commits.*.author.email',
  'github.event.commits.*.author.name',
  'github.event.commits.*.committer.email',
  'github.event.commits.*.committer.name',
  'github.event.head_commit.message',
  'github.event.head_commit.author.email',
  'github.event.head_commit.author.name',
  'github.event.head_commit.committer.email',
  'github.event.head_commit.committer.name',
  'github.event.changes.*.from',
  'github.event.workflow_run.head_branch',
  'github.event.workflow_run.display_title',
  'github.event.workflow_run.head_commit.message',
  'github.event.workflow_run.head_commit.author.email',
  'github.event.workflow_run.head_commit.author.name',
  'github.event.workflow_run.pull_requests.*.head.ref',
  'github.event.merge_group.head_commit.message',
  'github.event.merge_group.head_commit.author.email',
  'github.event.merge_group.head_commit.author.name',
  'github.event.check_suite.head_branch',
  'github.head_ref',
];

const PATTERNS = UNTRUSTED_INPUTS.map((path) => path.split('.'));

/** Contexts an expression may name (the parser rejects others; which are allowed where is the schema's job). */
const CONTEXTS = [
  'github',
  'env',
  'vars',
  'secrets',
  'inputs',
  'steps',
  'job',
  'jobs',
  'runner',
  'strategy',
  'matrix',
  'needs',
];
const STATUS_FUNCTIONS = ['success', 'failure', 'always', 'cancelled'].map((name) => ({
  name,
  minArgs: 0,
  maxArgs: 0,
}));
const FUNCTIONS = [...STATUS_FUNCTIONS, { name: 'hashFiles', minArgs: 1, maxArgs: 255 }];

/** Functions whose result is a boolean or a hash: an untrusted argument cannot reach the script through them. */
const OPAQUE_FUNCTIONS = new Set([
  'contains',
  'startswith',
  'endswith',
  'hashfiles',
  'success',
  'failure',
  'always',
  'cancelled',
]);

/** What an expression reads that an outsider may control, as `github.event.issue.title` or `env.TITLE`. */
export interface UntrustedUse {
  /** The access as written, normalised (`github.event.commits.*.message`). */
  path: string;
  /** Why it is untrusted: the input itself, or for an environment variable the input it was set from. */
  source: string;
}

/**
 * The untrusted values whose text can end up in an expression's result: property accesses that reach an
 * untrusted input (or a whole object holding one, serialised by `toJSON`), and `env.NAME` where `taintedEnv` says
 * NAME was set from one. Accesses under comparisons, `!`, `contains()` and the like yield booleans and are safe.
 */
export function untrustedUses(expression: string, taintedEnv: ReadonlyMap<string, string> = new Map()): UntrustedUse[] {
  const uses: UntrustedUse[] = [];
  let tree: Expr;
  try {
    tree = new Parser(new Lexer(expression).lex().tokens, CONTEXTS, FUNCTIONS).parse();
  } catch {
    // Not an expression GitHub could run (the parser findings say why): read its accesses as text instead.
    for (const path of expression.match(/\b[A-Za-z_][\w-]*(?:\.[\w*-]+|\[[^\]]*\])+/g) ?? [])
      classify(normalise(path), false, taintedEnv, uses);
    return uses;
  }
  walk(tree, true, false, taintedEnv, uses);
  return uses;
}

function walk(node: Expr, flows: boolean, serialised: boolean, env: ReadonlyMap<string, string>, uses: UntrustedUse[]) {
  if (node instanceof Grouping) return walk(node.group, flows, serialised, env, uses);
  if (node instanceof Logical) {
    // `a || b` and `a && b` yield one of their operands; `!a` yields a boolean.
    for (const arg of node.args) walk(arg, flows, serialised, env, uses);
    return;
  }
  if (node instanceof Unary) return walk(node.expr, false, false, env, uses);
  if (node instanceof Binary) {
    walk(node.left, false, false, env, uses);
    walk(node.right, false, false, env, uses);
    return;
  }
  if (node instanceof FunctionCall) {
    const name = node.functionName.lexeme.toLowerCase();
    const passes = flows && !OPAQUE_FUNCTIONS.has(name);
    for (const arg of node.args) walk(arg, passes, serialised || name === 'tojson', env, uses);
    return;
  }
  if (node instanceof ContextAccess || node instanceof IndexAccess) {
    const path = accessPath(node, env, uses);
    if (path && flows) classify(path, serialised, env, uses);
  }
}

/** `github.event.issue.title` for an access chain on a context; `undefined` when it starts elsewhere. */
function accessPath(node: Expr, env: ReadonlyMap<string, string>, uses: UntrustedUse[]): string[] | undefined {
  if (node instanceof ContextAccess) return [node.name.lexeme.toLowerCase()];
  if (!(node instanceof IndexAccess)) {
    // `fromJSON(x).y`, `(a || b).c`: the value read comes out of the inner expression.
    walk(node, true, false, env, uses);
    return undefined;
  }
  const base = accessPath(node.expr, env, uses);
  if (!base) return undefined;
  const index = node.index;
  if (index instanceof Star) return [...base, '*'];
  if (index instanceof Literal) {
    // `.name` is an identifier token, `['name']` a string token with its value, `[0]` a number.
    const value = index.token.value ?? index.token.lexeme;
    return [...base, typeof value === 'number' ? '*' : String(value).toLowerCase()];
  }
  // A computed key (`github.event[matrix.field]`) may be any key: the key's own text does not flow.
  walk(index, false, false, env, uses);
  return [...base, '*'];
}

function normalise(text: string): string[] {
  return text
    .replace(/\[\s*'([^']*)'\s*\]/g, '.$1')
    .replace(/\[[^\]]*\]/g, '.*')
    .toLowerCase()
    .split('.');
}

function classify(
  path: readonly string[],
  serialised: boolean,
  env: ReadonlyMap<string, string>,
  uses: UntrustedUse[],
) {
  const written = path.join('.');
  if (path[0] === 'env' && path.length === 2) {
    const source = env.get(path[1]!);
    if (source) uses.push({ path: written, source });
    return;
  }
  for (const pattern of PATTERNS) {
    const whole = path.length === pattern.length;
    // A whole object holding an untrusted input reaches the script only when serialised (`toJSON(github.event)`).
    if (!(whole || (serialised && path.length < pattern.length))) continue;
    if (path.every((segment, i) => segment === pattern[i] || segment === '*' || pattern[i] === '*')) {
      uses.push({ path: written, source: whole ? written : pattern.join('.') });
      return;
    }
  }
}

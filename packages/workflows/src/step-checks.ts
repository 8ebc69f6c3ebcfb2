import type { Finding } from '@shipgate/findings';
import type { PositionedDocument } from '@shipgate/manifests';
import { RULES, findingOf } from './rules.js';
import type { SourceText } from './source-text.js';
import { untrustedUses } from './untrusted-inputs.js';

/** Options of the workflows check. */
export interface WorkflowCheckOptions {
  /**
   * Owners whose actions may be used by tag or branch (`actions/checkout@v4`): GitHub's own, `actions` and
   * `github`, by default. Pass `[]` to require a commit SHA for every action.
   */
  trustedOwners?: readonly string[];
}

export const DEFAULT_TRUSTED_OWNERS: readonly string[] = ['actions', 'github'];

/** One file being checked: its positions, text and findings so far. */
export interface CheckedFile {
  file: string;
  document: PositionedDocument;
  source: SourceText;
  trustedOwners: ReadonlySet<string>;
  findings: Finding[];
}

export type Path = readonly (string | number)[];

/** Environment variables set from untrusted input, by lower-case name: what each was set from. */
export type TaintedEnv = ReadonlyMap<string, string>;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `jobs.build.steps[2].run`, for fingerprints and messages. */
export const pathText = (path: Path): string =>
  path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    '',
  );

/** `env` as inherited from the levels above, plus the variables this `env:` sets from untrusted input. */
export function withEnv(inherited: TaintedEnv, env: unknown): TaintedEnv {
  if (!isRecord(env)) return inherited;
  const tainted = new Map(inherited);
  for (const [name, value] of Object.entries(env)) {
    const uses = typeof value === 'string' ? expressionsOf(value).flatMap((e) => untrustedUses(e, inherited)) : [];
    if (uses[0]) tainted.set(name.toLowerCase(), uses[0].source);
    else tainted.delete(name.toLowerCase());
  }
  return tainted;
}

/** The expressions in a value as YAML read it (for values whose position is not reported). */
export function expressionsOf(value: string): string[] {
  return [...value.matchAll(/\$\{\{(.*?)\}\}/gs)].map((m) => m[1]!.trim());
}

/** Checks each step of `steps` (a job's or a composite action's) at `path`. */
export function checkSteps(checked: CheckedFile, path: Path, steps: unknown, env: TaintedEnv): void {
  if (!Array.isArray(steps)) return;
  steps.forEach((step, index) => {
    if (!isRecord(step)) return;
    const at = [...path, index];
    const stepEnv = withEnv(env, step.env);
    if (typeof step.run === 'string') checkScript(checked, [...at, 'run'], 'run script', stepEnv);
    if (typeof step.uses === 'string') {
      checkPinned(checked, [...at, 'uses'], step.uses);
      const script = isRecord(step.with) ? step.with.script : undefined;
      if (/^actions\/github-script@/i.test(step.uses) && typeof script === 'string')
        checkScript(checked, [...at, 'with', 'script'], 'github-script script', stepEnv);
    }
  });
}

/** Script injection: an untrusted value expanded by `${{ }}` into code that runs (a shell or JavaScript). */
export function checkScript(checked: CheckedFile, path: Path, kind: string, env: TaintedEnv): void {
  const seen = new Map<string, number>();
  for (const embedded of checked.source.expressionsIn(checked.document.locate(path))) {
    const uses = untrustedUses(embedded.expression, env);
    if (uses.length === 0) continue;
    const what = uses
      .map((use) => (use.path === use.source ? use.path : `${use.path} (set from ${use.source})`))
      .join(', ');
    const message =
      `\${{ ${embedded.expression} }} puts ${what} into the ${kind} at ${pathText(path)}: whoever writes that ` +
      'text can run code with this job\'s token and secrets; pass it through env and use "$NAME" instead';
    const count = (seen.get(embedded.expression) ?? 0) + 1;
    seen.set(embedded.expression, count);
    const key = `${pathText(path)}|${embedded.expression}#${count}`;
    checked.findings.push(findingOf(RULES.scriptInjection, checked.file, embedded.range, message, key));
  }
}

/** An action or reusable workflow used by tag or branch, or a Docker image without a digest. */
export function checkPinned(checked: CheckedFile, path: Path, uses: string): void {
  const reference = uses.trim();
  if (reference.startsWith('./') || reference.startsWith('../') || reference.includes('${{')) return;
  let message: string | undefined;
  if (reference.startsWith('docker://')) {
    if (!/@sha256:[0-9a-f]{64}$/i.test(reference))
      message = `${reference} is not pinned by digest: the tag can be moved to another image; use docker://image@sha256:<digest>`;
  } else {
    const match = /^([^/@\s]+)\/[^@\s]+@(.+)$/.exec(reference);
    if (!match) return; // not a valid reference: the parser reports it
    const [, owner, ref] = match as unknown as [string, string, string];
    if (/^[0-9a-f]{40}$/i.test(ref) || checked.trustedOwners.has(owner.toLowerCase())) return;
    message = `${reference} is used by ${/^[0-9a-f]{7,39}$/i.test(ref) ? 'a short SHA' : `the tag or branch '${ref}'`}, which its owner can move to other code; pin the full 40-character commit SHA`;
  }
  if (message)
    checked.findings.push(
      findingOf(
        RULES.unpinnedAction,
        checked.file,
        checked.document.locate(path),
        message,
        `${pathText(path)}|${reference}`,
      ),
    );
}

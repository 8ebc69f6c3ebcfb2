import type { TextRange } from '@shipgate/manifests';
import { RULES, findingOf } from './rules.js';
import { expressionsOf, isRecord, pathText, type CheckedFile, type Path } from './step-checks.js';

/**
 * Triggers that run with a write token and the repository's secrets even for a pull request from a fork (a comment
 * on a pull request, `issue_comment`, too: ChatOps workflows that check out the commented pull request).
 */
const PRIVILEGED_TRIGGERS = ['pull_request_target', 'workflow_run', 'issue_comment'];

/** A shell command that fetches or checks out the pull request's code. */
const SHELL_CHECKOUT =
  /\bgh\s+pr\s+checkout\b|\bgit\s+(?:fetch|checkout|switch|pull)\b[^\n]*(?:\bpull\/|head\.sha|head\.ref|head_ref|head_sha|head_branch)/i;

/** Values naming the pull request's code rather than the base repository's (lower case, as read). */
const HEAD_REFERENCES = [
  'github.event.pull_request.head.sha',
  'github.event.pull_request.head.ref',
  'github.event.pull_request.head.repo.full_name',
  'github.event.pull_request.merge_commit_sha',
  'github.head_ref',
  'github.event.workflow_run.head_sha',
  'github.event.workflow_run.head_branch',
  'github.event.workflow_run.head_commit.id',
  'github.event.workflow_run.head_repository.full_name',
];

/** A condition that keeps forks out: the job or step runs only for pull requests from this repository. */
const SAME_REPOSITORY_GUARD =
  /head(?:\.repo|_repository)\.full_name\s*==\s*github\.repository\b|\bgithub\.repository\s*==\s*github\.event\.[\w.]*head(?:\.repo|_repository)\.full_name|head\.repo\.fork\s*==\s*false|!\s*github\.event\.pull_request\.head\.repo\.fork\b/;

/** The events a workflow runs on (`on:` as a string, a list or a mapping). */
export function triggersOf(data: Record<string, unknown>): string[] {
  const on = data.on ?? data.true; // YAML 1.1 readers turn `on` into true; we read YAML 1.2, but be safe
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter((t): t is string => typeof t === 'string');
  return isRecord(on) ? Object.keys(on) : [];
}

/**
 * `pull_request_target` and `workflow_run` run with the base repository's token and secrets; checking out the
 * pull request's head there (`actions/checkout` with `ref:` or `repository:` from the head, `gh pr checkout`, a
 * `git fetch`/`checkout` of `pull/N/head` or of the head's ref)
 * runs the fork's code with them: the "pwn request". Checking out the base (no `ref:`) is safe.
 */
export function checkPrivilegedCheckout(
  checked: CheckedFile,
  data: Record<string, unknown>,
  jobs: Record<string, unknown>,
): void {
  const trigger = triggersOf(data).find((t) => PRIVILEGED_TRIGGERS.includes(t));
  if (!trigger) return;
  const headEnv = headEnvOf(new Set(), data.env);
  for (const [id, job] of Object.entries(jobs)) {
    if (!isRecord(job) || !Array.isArray(job.steps) || guarded(job.if)) continue;
    const jobEnv = headEnvOf(headEnv, job.env);
    job.steps.forEach((step, index) => {
      if (!isRecord(step) || guarded(step.if)) return;
      const env = headEnvOf(jobEnv, step.env);
      const at: Path = ['jobs', id, 'steps', index];
      const inputs = isRecord(step.with) ? step.with : {};
      if (typeof step.uses === 'string' && /^actions\/checkout@/i.test(step.uses)) {
        for (const input of ['ref', 'repository']) {
          const value = inputs[input];
          if (typeof value === 'string' && namesHead(value, env))
            report(checked, [...at, 'with', input], trigger, `actions/checkout with ${input}: ${value}`);
        }
      }
      const command = typeof step.run === 'string' ? SHELL_CHECKOUT.exec(step.run) : null;
      if (command) {
        const text = command[0].trim();
        report(
          checked,
          [...at, 'run'],
          trigger,
          `\`${text}\``,
          checked.source.find(checked.document.locate([...at, 'run']), text),
        );
      }
    });
  }
}

function report(checked: CheckedFile, path: Path, trigger: string, what: string, at?: TextRange): void {
  const message =
    `${what} checks out the pull request's code in a ${trigger} workflow, which runs with a write token and ` +
    "the repository's secrets: any build step then runs the fork's code with them";
  const range = at ?? checked.document.locate(path);
  checked.findings.push(findingOf(RULES.untrustedCheckout, checked.file, range, message, pathText(path)));
}

function guarded(condition: unknown): boolean {
  return typeof condition === 'string' && SAME_REPOSITORY_GUARD.test(condition.replace(/\s+/g, ' ').toLowerCase());
}

/** Whether a value names the pull request's head: directly, as `refs/pull/N/…`, or through an env variable. */
function namesHead(value: string, headEnv: ReadonlySet<string>): boolean {
  if (/refs\/pull\//.test(value)) return true;
  return expressionsOf(value).some((expression) => {
    const text = expression.toLowerCase().replace(/\[\s*'([^']*)'\s*\]/g, '.$1');
    if (HEAD_REFERENCES.some((reference) => text.includes(reference))) return true;
    return [...text.matchAll(/\benv\.([\w-]+)/g)].some((m) => headEnv.has(m[1]!));
  });
}

/** Env variables (lower case) whose value names the pull request's head, inherited plus those `env` sets. */
function headEnvOf(inherited: ReadonlySet<string>, env: unknown): ReadonlySet<string> {
  if (!isRecord(env)) return inherited;
  const names = new Set(inherited);
  for (const [name, value] of Object.entries(env)) {
    if (typeof value === 'string' && namesHead(value, inherited)) names.add(name.toLowerCase());
    else names.delete(name.toLowerCase());
  }
  return names;
}

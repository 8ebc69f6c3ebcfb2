import type { Finding, Severity } from '@shipgate/findings';
import { isComposeFile, isKubernetesManifest } from '@shipgate/manifests';
import { DEFAULT_ALLOWLIST, DEFAULT_RULES, SecretScanner } from '@shipgate/secrets';
import type { Check, CheckResult, CheckScope, FileEdit } from '../check.js';
import { findingOf } from '../finding-of.js';
import { isEnvExample, isEnvFile, isWorkflowFile } from '../workspace-files.js';
import { composeReferences, kubernetesReferences, workflowReferences, type Reference } from './env-references.js';
import { parseDotenv, type Dotenv } from './parse-dotenv.js';

const CATEGORY = 'env';

const PROBLEM_SEVERITY: Readonly<Record<string, Severity>> = {
  'env/malformed-line': 'high',
  'env/duplicate-key': 'medium',
  'env/spaces-around-equals': 'low',
};
const PROBLEM_TITLE: Readonly<Record<string, string>> = {
  'env/malformed-line': 'Malformed env file line',
  'env/duplicate-key': 'Duplicate env key',
  'env/spaces-around-equals': 'Spaces around = in an env file',
};

let scanner: SecretScanner | undefined;

/** The environment contract: the env file against the example, references against the example, secrets. */
export const envCheck: Check = {
  category: CATEGORY,
  weight: 2,
  applies: (scope) => scope.files.list.some(isEnvFile) || scope.files.exists(scope.envExample.path),
  async check(scope) {
    return checkEnvironment(scope);
  },
};

function checkEnvironment(scope: CheckScope): CheckResult {
  const findings: Finding[] = [];
  const edits: FileEdit[] = [];
  const shown = (file: string) => scope.files.shown(file);
  const read = (file: string): Dotenv | undefined => {
    const text = scope.files.read(file);
    return text === undefined ? undefined : parseDotenv(text);
  };
  const envFiles = new Set(scope.files.list.filter(isEnvFile));
  if (scope.files.exists(scope.envFile.path)) envFiles.add(scope.envFile.path);
  if (scope.files.exists(scope.envExample.path)) envFiles.add(scope.envExample.path);
  // Syntax of every env file.
  for (const file of envFiles) {
    for (const problem of read(file)?.problems ?? [])
      findings.push(
        findingOf({
          category: CATEGORY,
          ruleId: problem.rule,
          title: PROBLEM_TITLE[problem.rule] ?? problem.rule,
          severity: PROBLEM_SEVERITY[problem.rule] ?? 'medium',
          message: problem.message,
          file: shown(file),
          line: problem.line,
          column: problem.column,
          identity: `${problem.line}`,
        }),
      );
  }
  findings.push(...committedSecrets(scope, [...envFiles]));

  const example = read(scope.envExample.path);
  const envFile = read(scope.envFile.path);
  // The configured pair, and in a monorepo each other example with the .env beside it.
  const pairs = new Map<string, string>([[scope.envExample.path, scope.envFile.path]]);
  for (const file of scope.files.list)
    if (isEnvExample(file) && !pairs.has(file)) pairs.set(file, file.replace(/[^/]+$/, '.env'));
  const exampleKeys = new Set<string>();
  for (const [examplePath, envPath] of pairs) {
    const pairExample = read(examplePath);
    const pairFile = read(envPath);
    for (const entry of pairExample?.entries ?? []) exampleKeys.add(entry.key);
    if (pairExample && pairFile) comparePair(scope, examplePath, envPath, pairExample, pairFile, findings, edits);
  }
  if (example) {
    const references = referencesOf(scope).filter((ref) => !exampleKeys.has(ref.name));
    const byName = new Map<string, Reference[]>();
    for (const ref of references) byName.set(ref.name, [...(byName.get(ref.name) ?? []), ref]);
    for (const ref of references)
      findings.push(
        findingOf({
          category: CATEGORY,
          ruleId: 'env/unlisted-variable',
          title: 'Variable the deploy reads is not in the example',
          severity: 'medium',
          message: `${ref.name} is read by this ${ref.source === 'workflow' ? 'workflow' : `${ref.source} file`} but not listed in ${shown(scope.envExample.path)}`,
          file: ref.file,
          line: ref.line,
          column: ref.column,
          help: `List ${ref.name}= in ${shown(scope.envExample.path)} (the patch file has it).`,
          identity: ref.name,
        }),
      );
    if (byName.size > 0)
      edits.push({
        file: scope.envExample.path,
        append: [...byName.keys()].map((name) => `${name}=`),
        reason: `variables read by compose files, manifests or workflows that ${shown(scope.envExample.path)} does not list`,
      });
  }
  const parts = [`${envFiles.size} env file${envFiles.size === 1 ? '' : 's'}`];
  if (!example) parts.push(`no ${shown(scope.envExample.path)}`);
  else if (!envFile) parts.push(`no ${shown(scope.envFile.path)} to compare it with`);
  return { findings, edits, checked: parts.join(', ') };
}

/** The env file against its example: keys the example lists that the file (and the job) lacks, and the reverse. */
function comparePair(
  scope: CheckScope,
  examplePath: string,
  envPath: string,
  example: Dotenv,
  envFile: Dotenv,
  findings: Finding[],
  edits: FileEdit[],
): void {
  const shown = (file: string) => scope.files.shown(file);
  const exampleKeys = new Set(example.entries.map((entry) => entry.key));
  const fileKeys = new Set(envFile.entries.map((entry) => entry.key));
  const missing = example.entries.filter((e) => !fileKeys.has(e.key) && scope.environment(e.key) === undefined);
  for (const entry of unique(missing))
    findings.push(
      findingOf({
        category: CATEGORY,
        ruleId: 'env/missing-key',
        title: 'Key of the example missing from the env file',
        severity: 'high',
        message: `${entry.key} is in ${shown(examplePath)} but not in ${shown(envPath)} nor in the environment: the application starts without it`,
        file: shown(examplePath),
        line: entry.line,
        column: entry.column,
        help: `Add ${entry.key}= to ${shown(envPath)} (the patch file has it), or set it in the job's environment.`,
        identity: entry.key,
      }),
    );
  if (missing.length > 0)
    edits.push({
      file: envPath,
      append: unique(missing).map((entry) => `${entry.key}=${quoteValue(entry.value)}`),
      reason: `keys of ${shown(examplePath)} missing from ${shown(envPath)} (values from the example: replace them)`,
    });
  const undocumented = unique(envFile.entries.filter((entry) => !exampleKeys.has(entry.key)));
  for (const entry of undocumented)
    findings.push(
      findingOf({
        category: CATEGORY,
        ruleId: 'env/undocumented-key',
        title: 'Env file key not in the example',
        severity: 'low',
        message: `${entry.key} is set in ${shown(envPath)} but not listed in ${shown(examplePath)}: whoever deploys next will not know it is needed`,
        file: shown(envPath),
        line: entry.line,
        column: entry.column,
        help: `List ${entry.key}= in ${shown(examplePath)} (the patch file has it) or remove it if unused.`,
        identity: entry.key,
      }),
    );
  if (undocumented.length > 0)
    edits.push({
      file: examplePath,
      append: undocumented.map((entry) => `${entry.key}=`),
      reason: `keys of ${shown(envPath)} not listed in ${shown(examplePath)}`,
    });
}

/** Every variable compose files, manifests and workflows read from outside. */
function referencesOf(scope: CheckScope): Reference[] {
  const found: Reference[] = [];
  for (const file of scope.files.list) {
    const isCompose = isComposeFile(file);
    const isWorkflow = isWorkflowFile(file);
    if (!isCompose && !isWorkflow && !/\.ya?ml$/.test(file)) continue;
    const text = scope.files.read(file);
    if (text === undefined) continue;
    const shown = scope.files.shown(file);
    if (isCompose) found.push(...composeReferences(shown, text));
    else if (isWorkflow) found.push(...workflowReferences(shown, text));
    else if (isKubernetesManifest(file, text)) found.push(...kubernetesReferences(shown, text));
  }
  return found;
}

/** Secrets in env files that are committed (or, outside a git checkout, present). Values are never printed. */
function committedSecrets(scope: CheckScope, files: readonly string[]): Finding[] {
  scanner ??= new SecretScanner({ rules: DEFAULT_RULES, allowlist: DEFAULT_ALLOWLIST });
  const found: Finding[] = [];
  for (const file of files) {
    if (scope.files.tracked(file) === false) continue;
    const text = scope.files.read(file);
    if (text === undefined) continue;
    for (const secret of scanner.scan(scope.files.shown(file), text))
      found.push({
        ...secret,
        scanner: CATEGORY,
        ruleId: 'env/committed-secret',
        title: 'Secret committed in an env file',
        severity: 'critical',
        message: `${secret.title} in a committed env file: anyone who can read the repository has it`,
        help: 'Rotate the secret, remove the value from the file (keep the key with an empty value), and pass it to the deploy from a secret store.',
      });
  }
  return found;
}

function unique<T extends { key: string }>(entries: readonly T[]): T[] {
  const seen = new Set<string>();
  return entries.filter((entry) => !seen.has(entry.key) && seen.add(entry.key));
}

/** A value as an env file line holds it: quoted when it has spaces, quotes, `#` or a new line. */
function quoteValue(value: string): string {
  if (!/[\s"'#\\]/.test(value)) return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

import { sortFindings, type Finding } from '@shipgate/findings';
import { parsePositionedYaml } from '@shipgate/manifests';
import { parserFindingsForAction, parserFindingsForWorkflow } from './github-parser.js';
import { RULES, findingOf } from './rules.js';
import { SourceText } from './source-text.js';
import {
  DEFAULT_TRUSTED_OWNERS,
  checkPinned,
  checkSteps,
  isRecord,
  withEnv,
  type CheckedFile,
  type WorkflowCheckOptions,
} from './step-checks.js';
import { checkPrivilegedCheckout, triggersOf } from './untrusted-checkout.js';

/**
 * Checks a workflow file (`.github/workflows/*.yml`): GitHub's parser (syntax, keys, expressions, cron, job
 * dependencies), then script injection, actions not pinned to a commit SHA, missing `permissions`, privileged
 * workflows that check out pull request code, and `secrets: inherit`. Every finding has file:line:column.
 */
export async function checkWorkflow(
  text: string,
  file: string,
  options: WorkflowCheckOptions = {},
): Promise<Finding[]> {
  const findings = await parserFindingsForWorkflow(text, file);
  const checked = open(text, file, options, findings);
  const data = checked?.document.data;
  if (!checked || !isRecord(data)) return sortFindings(findings);
  const jobs = isRecord(data.jobs) ? data.jobs : {};
  const workflowEnv = withEnv(new Map(), data.env);
  for (const [id, job] of Object.entries(jobs)) {
    if (!isRecord(job)) continue;
    if (typeof job.uses === 'string') checkPinned(checked, ['jobs', id, 'uses'], job.uses);
    if (job.secrets === 'inherit') {
      const message = `job ${id} passes every secret of this repository to ${String(job.uses ?? 'the called workflow')}; pass only those it needs`;
      const range = checked.document.locate(['jobs', id, 'secrets']);
      findings.push(findingOf(RULES.secretsInherit, file, range, message, `jobs.${id}.secrets`));
    }
    checkSteps(checked, ['jobs', id, 'steps'], job.steps, withEnv(workflowEnv, job.env));
  }
  checkPermissions(checked, data, jobs);
  checkPrivilegedCheckout(checked, data, jobs);
  return sortFindings(findings);
}

/** Checks an action metadata file (`action.yml`): GitHub's parser, and a composite action's steps as a job's. */
export function checkActionMetadata(text: string, file: string, options: WorkflowCheckOptions = {}): Finding[] {
  const findings = parserFindingsForAction(text, file);
  const checked = open(text, file, options, findings);
  const runs = isRecord(checked?.document.data) ? checked.document.data.runs : undefined;
  if (!checked || !isRecord(runs)) return sortFindings(findings);
  checkSteps(checked, ['runs', 'steps'], runs.steps, new Map());
  if (typeof runs.image === 'string' && runs.image.startsWith('docker://'))
    checkPinned(checked, ['runs', 'image'], runs.image);
  return sortFindings(findings);
}

/** The positioned document to run our checks on; `undefined` when the YAML itself is broken (parser findings). */
function open(text: string, file: string, options: WorkflowCheckOptions, findings: Finding[]): CheckedFile | undefined {
  const positioned = parsePositionedYaml(text, file, 'core');
  const document = positioned.documents[0];
  // A duplicate key is the parser's finding; the document (last value wins) is still checked.
  const broken = positioned.findings.some((f) => f.rule !== 'yaml/duplicate-key');
  if (!document || broken || positioned.documents.length !== 1) return undefined;
  const trustedOwners = new Set((options.trustedOwners ?? DEFAULT_TRUSTED_OWNERS).map((o) => o.toLowerCase()));
  return { file, document, source: new SourceText(text), trustedOwners, findings };
}

/**
 * A job without `permissions` in a workflow without top-level `permissions` gets the repository's default token
 * permissions, which may be write-all. Workflows only called by others (`workflow_call`) get their caller's.
 */
function checkPermissions(checked: CheckedFile, data: Record<string, unknown>, jobs: Record<string, unknown>): void {
  if ('permissions' in data) return;
  const triggers = triggersOf(data);
  if (triggers.length > 0 && triggers.every((t) => t === 'workflow_call')) return;
  const bare = Object.keys(jobs).filter((id) => !(isRecord(jobs[id]) && 'permissions' in jobs[id]));
  if (bare.length === 0) return;
  const all = bare.length === Object.keys(jobs).length;
  const range = all ? checked.document.locate(['jobs'], 'key') : checked.document.locate(['jobs', bare[0]!], 'key');
  const message =
    `${all ? 'no job sets' : `job${bare.length > 1 ? 's' : ''} ${bare.join(', ')} ${bare.length > 1 ? 'set' : 'sets'} no`} ` +
    '`permissions` and the workflow sets none at the top: the GITHUB_TOKEN gets the repository default, which may ' +
    'allow writing; add `permissions:` (e.g. `contents: read`) at the top of the workflow';
  checked.findings.push(findingOf(RULES.missingPermissions, checked.file, range, message, bare.join(',')));
}

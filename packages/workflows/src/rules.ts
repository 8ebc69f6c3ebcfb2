import { fingerprintOf, type Finding, type Severity } from '@shipgate/findings';
import type { TextRange } from '@shipgate/manifests';

/** The error-detection check these findings belong to (`Finding.scanner`). */
export const SCANNER = 'workflows';

/** A rule: its id, one-line title, severity and what to do about its findings. */
export interface WorkflowRule {
  id: string;
  title: string;
  severity: Severity;
  help: string;
  helpUri: string;
}

const HARDENING =
  'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions';

/** Every rule of the workflows check, by short name. */
export const RULES = {
  invalidWorkflow: {
    id: 'workflows/invalid-workflow',
    title: 'GitHub would reject this workflow file',
    severity: 'high',
    help: 'Fix the file: GitHub does not run a workflow whose syntax, keys or expressions are invalid.',
    helpUri: 'https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions',
  },
  invalidAction: {
    id: 'workflows/invalid-action',
    title: 'GitHub would reject this action metadata file',
    severity: 'high',
    help: 'Fix action.yml: a workflow that uses this action fails when its metadata is invalid.',
    helpUri:
      'https://docs.github.com/en/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions',
  },
  scriptInjection: {
    id: 'workflows/script-injection',
    title: 'Untrusted input expanded into a script',
    severity: 'high',
    help: 'Pass the value through an environment variable (`env: TITLE: ${{ … }}`) and use it quoted as "$TITLE" (process.env.TITLE in github-script).',
    helpUri: `${HARDENING}#understanding-the-risk-of-script-injections`,
  },
  unpinnedAction: {
    id: 'workflows/unpinned-action',
    title: 'Third-party action not pinned to a full commit SHA',
    severity: 'medium',
    help: 'Pin to the full 40-character commit SHA of the release and keep the version in a comment: `uses: owner/repo@<sha> # v1.2.3`.',
    helpUri: `${HARDENING}#using-third-party-actions`,
  },
  missingPermissions: {
    id: 'workflows/missing-permissions',
    title: 'GITHUB_TOKEN permissions not set',
    severity: 'medium',
    help: 'Add a top-level `permissions:` block with the least the jobs need (`contents: read`), or one per job.',
    helpUri:
      'https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token',
  },
  untrustedCheckout: {
    id: 'workflows/untrusted-checkout',
    title: 'Privileged workflow checks out pull request code',
    severity: 'critical',
    help: 'Check out the base (no `ref:`), or build the pull request in an unprivileged `pull_request` workflow and pass results as artifacts.',
    helpUri: 'https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/',
  },
  secretsInherit: {
    id: 'workflows/secrets-inherit',
    title: 'Every secret passed to a reusable workflow',
    severity: 'medium',
    help: 'Pass only the secrets the called workflow needs: `secrets: { NAME: ${{ secrets.NAME }} }`.',
    helpUri:
      'https://docs.github.com/en/actions/sharing-automations/reusing-workflows#passing-inputs-and-secrets-to-a-reusable-workflow',
  },
} as const satisfies Record<string, WorkflowRule>;

/** A finding of `rule` at `range` of `file`; `key` tells apart findings of one rule in one file across runs. */
export function findingOf(
  rule: WorkflowRule,
  file: string,
  range: TextRange | undefined,
  message: string,
  key: string,
): Finding {
  return {
    scanner: SCANNER,
    ruleId: rule.id,
    title: rule.title,
    severity: rule.severity,
    message,
    ...(range ? { location: { file, ...range } } : { location: { file } }),
    fingerprint: fingerprintOf([SCANNER, rule.id, file, key]),
    help: rule.help,
    helpUri: rule.helpUri,
  };
}

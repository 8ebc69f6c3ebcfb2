/**
 * approval-gate: the one table of its inputs and outputs. action.yml, the README tables, the config schema and
 * the CLI help are generated from it (`npm run build`); plain data, so import only types and other tables.
 */
import type { ActionDefinition } from '@shipgate/kit';
import { COMMON_INPUTS, VERSION_SPEC } from '@shipgate/kit/inputs';

export const ACTION = {
  name: 'approval-gate',
  title: 'Shipgate approval gate',
  description:
    'Decides whether a deployment may proceed: deploy windows and freezes in your time zone, promotion order, and human approval that cannot be spoofed, with a decision record.',
  branding: { icon: 'check-circle', color: 'green' },
  post: true,
  inputs: {
    windows: {
      kind: 'text',
      description:
        "Allowed deploy windows, one per line or separated by ';', such as 'Mon-Fri 09:00-17:00' (24-hour wall-clock times in timezone; an end before the start runs past midnight). Default: any time.",
    },
    timezone: {
      kind: 'text',
      default: 'UTC',
      description:
        "IANA time zone of windows and freezes, such as 'Europe/Berlin'; daylight-saving changes are followed.",
    },
    freeze: {
      kind: 'text',
      description:
        "Freeze periods, one per line or separated by ';': 'YYYY-MM-DD..YYYY-MM-DD' (days included), 'YYYY-MM-DDTHH:MM..YYYY-MM-DDTHH:MM', or every year 'MM-DD..MM-DD' (may span New Year), each optionally followed by a name.",
    },
    'break-glass': {
      kind: 'text',
      scope: 'step',
      description:
        'The reason to deploy outside the windows or during a freeze. Recorded in the report and in a follow-up issue; it never skips approval or promotion.',
    },
    'break-glass-label': {
      kind: 'text',
      default: 'break-glass',
      pattern: '^[^,;\\n]{1,50}$',
      allowed: 'a label name (up to 50 characters)',
      description:
        "A label on the pull request that triggered the run which asks for break-glass. Its reason is the break-glass input, else a line 'Break-glass: <reason>' in the pull request's description; without one it does not apply.",
    },
    'require-deployed-to': {
      kind: 'list',
      description:
        "Environments where the same commit (or version) must already have a successful deployment, such as 'staging', not followed by a failure or a rollback of it.",
    },
    'soak-time': {
      kind: 'duration',
      min: '0s',
      max: '720h',
      default: '0s',
      description: 'How long the deployment must have been in each require-deployed-to environment.',
    },
    version: {
      ...VERSION_SPEC,
      scope: 'step',
      description: 'The version being deployed, matched in require-deployed-to. Default: the commit SHA only.',
    },
    approvers: {
      kind: 'list',
      description:
        "Who may approve: logins and 'org/team' slugs (teams are expanded, any size). Empty means no human approval is asked for.",
    },
    'approver-groups': {
      kind: 'text',
      description:
        "Groups that must each approve, one per line: 'name: login, org/team' (optionally 'name(2): ...' for two approvals). Their members may approve too.",
    },
    'minimum-approvals': {
      kind: 'integer',
      min: 1,
      max: 50,
      default: '1',
      description: 'Distinct people who must approve.',
    },
    'allow-self-approval': {
      kind: 'boolean',
      default: 'false',
      description: "Let the run's actor and the commit's author approve their own deployment.",
    },
    'approve-words': {
      kind: 'text',
      default: 'approve, approved, /approve, lgtm, yes',
      description: 'Words that approve when written as a whole line of a comment (not quoted, not in code).',
    },
    'deny-words': {
      kind: 'text',
      default: 'deny, denied, /deny, reject, no',
      description: 'Words that deny when written as a whole line; a deny by any approver wins.',
    },
    channel: {
      kind: 'choice',
      choices: ['issue', 'pull-request', 'environment'],
      default: 'issue',
      description:
        "Where approval is asked for: a new issue, the pull request that triggered the run (comments and reviews), or environment: only read this run's GitHub Environments reviews (a job with a protected environment ran before) and apply the same rules, without waiting.",
    },
    mode: {
      kind: 'choice',
      choices: ['wait', 'pending'],
      default: 'wait',
      description:
        'wait: poll until a decision or the timeout. pending: post the request and end with result pending; a later run (on issue_comment) with request decides, so no runner waits. Pending needs channel: issue.',
    },
    request: {
      kind: 'integer',
      min: 1,
      scope: 'step',
      description: 'The issue or pull request number of an earlier pending request, to decide it now.',
    },
    timeout: {
      kind: 'duration',
      min: '0s',
      max: '72h',
      default: '1h',
      description: 'How long to wait for a decision (from when the request was posted).',
    },
    'on-timeout': {
      kind: 'choice',
      choices: ['deny', 'approve'],
      default: 'deny',
      description: 'What no decision within timeout means; the request text says it.',
    },
    'poll-interval': {
      kind: 'duration',
      min: '5s',
      max: '10m',
      default: '15s',
      description:
        'How often to look for new comments. Conditional requests make a look that finds nothing new free of rate limit.',
    },
    token: {
      kind: 'secret',
      scope: 'step',
      runnerDefault: '${{ github.token }}',
      description:
        'Token for issues, comments, collaborator permissions and Deployments (issues: write, pull-requests: read, deployments: read; members: read on the organisation for teams).',
    },
    ...COMMON_INPUTS,
  },
  outputs: {
    result: 'approved, denied, timed-out, blocked-by-window, blocked-by-promotion or pending.',
    decision:
      "The decision record as JSON (schema shipgate/approval-gate/decision/v1): each rule's result and reason, who approved, when and where, break-glass. Pass it to canary-deploy's approval input to keep it in the GitHub Deployment's payload.",
    approvers: 'JSON array of the counted approvals: login, time, comment URL.',
    'request-url': 'The issue or pull request where approval was asked for.',
    'request-number': 'Its number, for a later run in pending mode.',
    reason: 'One sentence a person can act on.',
    sha: "The commit decided on: this run's, or the one an earlier pending request recorded (check it out to deploy it).",
    version: 'The version decided on: the version input, or the one an earlier pending request recorded.',
    report: 'Path of the JSON report (schema shipgate/approval-gate/v1).',
  },
} as const satisfies ActionDefinition;

import { existsSync, readFileSync, statSync } from 'node:fs';
import { InputError, type ActionContext } from '@shipgate/kit';
import {
  checkApprovalWords,
  parseApprovalWordList,
  parseDeployWindows,
  parseFreezePeriods,
  parseTimeZone,
  type ApprovalWords,
  type WindowPolicy,
} from '@shipgate/policy';
import type { ACTION } from './inputs.js';

type Context = ActionContext<typeof ACTION.inputs>;

/** A login or an `org/team` to expand. */
export type ApproverRef = { kind: 'user'; login: string } | { kind: 'team'; org: string; slug: string };

/** A group as written in approver-groups, before teams are expanded. */
export interface GroupSpec {
  name: string;
  minimum: number;
  members: ApproverRef[];
}

/** Everything approval-gate needs, read and validated once, before the first request. */
export interface GateSettings {
  /** Windows, freezes and their time zone. */
  windows: WindowPolicy;
  /** The break-glass reason from the step, when given. */
  breakGlass: string | undefined;
  /** The pull request label that asks for break-glass (the reason then comes from the description). */
  breakGlassLabel: string | undefined;
  /** Environments the commit must have succeeded in. */
  requireDeployedTo: string[];
  soakMs: number;
  version: string | undefined;
  /** Users and teams; empty (with no groups) means no human approval. */
  approvers: ApproverRef[];
  groups: GroupSpec[];
  minimumApprovals: number;
  allowSelfApproval: boolean;
  words: ApprovalWords;
  channel: 'issue' | 'pull-request' | 'environment';
  mode: 'wait' | 'pending';
  /** An earlier request to decide now. */
  request: number | undefined;
  timeoutMs: number;
  onTimeout: 'deny' | 'approve';
  pollIntervalMs: number;
  token: string;
  /** From the event payload: who wrote the commit and which pull request triggered the run. */
  event: { commitAuthor: string | undefined; pullNumber: number | undefined };
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;
const TEAM = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9][A-Za-z0-9_.-]*)$/;
const APPROVER_ALLOWED = "GitHub logins and 'org/team' slugs, such as 'alice, octo-org/sre'";

/** Reads one approver; `input` names the input in errors. */
export function parseApprover(text: string, input: string): ApproverRef {
  const team = TEAM.exec(text);
  if (team) return { kind: 'team', org: team[1] as string, slug: team[2] as string };
  if (LOGIN.test(text)) return { kind: 'user', login: text };
  throw new InputError(input, text, APPROVER_ALLOWED);
}

/** Reads approver-groups: `name: a, org/team` or `name(2): ...`, one per line. */
export function parseGroups(text: string | undefined): GroupSpec[] {
  const groups: GroupSpec[] = [];
  for (const line of (text ?? '').split(/[\n;]/).map((l) => l.trim())) {
    if (line === '') continue;
    const m = /^([A-Za-z0-9][\w .-]*?)\s*(?:\((\d+)\))?\s*:\s*(.+)$/.exec(line);
    const minimum = Number(m?.[2] ?? '1');
    if (!m || minimum < 1)
      throw new InputError(
        'approver-groups',
        line,
        "lines such as 'sre: alice, octo-org/sre' or 'security(2): octo-org/sec'",
      );
    const members = (m[3] as string)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map((s) => parseApprover(s, 'approver-groups'));
    groups.push({ name: m[1] as string, minimum, members });
  }
  return groups;
}

/** Reads the inputs and the event payload; a wrong value fails here, naming the input, before any request. */
export function parseSettings(context: Context, env: NodeJS.ProcessEnv = process.env): GateSettings {
  const inputs = context.inputs;
  const words = checkApprovalWords({
    approve: parseApprovalWordList(inputs.get('approve-words'), 'approve-words'),
    deny: parseApprovalWordList(inputs.get('deny-words'), 'deny-words'),
  });
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const channel = inputs.get('channel');
  const request = inputs.get('request');
  if (channel === 'pull-request' && event.pullNumber === undefined && request === undefined)
    throw new InputError(
      'channel',
      'pull-request',
      'issue, unless the run was triggered by a pull request (or request names one)',
      { hint: 'Use channel: issue on push and workflow_dispatch runs.' },
    );
  const mode = inputs.get('mode');
  // The second half of pending mode finds its request by number among the issues this gate opened; a comment on a
  // pull request has no number of its own, so a pending one could never be decided.
  if (mode === 'pending' && channel === 'pull-request')
    throw new InputError('mode', 'pending', 'wait when channel is pull-request', {
      origin: inputs.raw('mode')?.origin,
      hint: 'A pending request must be an issue that a later run can decide by its number: use channel: issue with mode: pending.',
    });
  const token = inputs.require(
    'token',
    'a token that can write issues and read deployments, such as ${{ github.token }}',
    'Give the job permissions: issues: write, pull-requests: read, deployments: read.',
  );
  return {
    // Parsed through the inputs so that a bad value from the config file is named by file:line:column.
    windows: {
      timeZone: inputs.parse('timezone', (t) => parseTimeZone(t, 'timezone')) ?? parseTimeZone('UTC', 'timezone'),
      windows: inputs.parse('windows', (t) => parseDeployWindows(t, 'windows')) ?? [],
      freezes: inputs.parse('freeze', (t) => parseFreezePeriods(t, 'freeze')) ?? [],
    },
    breakGlass: inputs.get('break-glass'),
    breakGlassLabel: inputs.get('break-glass-label'),
    requireDeployedTo: inputs.get('require-deployed-to') ?? [],
    soakMs: inputs.get('soak-time'),
    version: inputs.get('version'),
    approvers: (inputs.get('approvers') ?? []).map((a) => parseApprover(a, 'approvers')),
    groups: parseGroups(inputs.get('approver-groups')),
    minimumApprovals: inputs.get('minimum-approvals'),
    allowSelfApproval: inputs.get('allow-self-approval'),
    words,
    channel,
    mode,
    request,
    timeoutMs: inputs.get('timeout'),
    onTimeout: inputs.get('on-timeout'),
    pollIntervalMs: inputs.get('poll-interval'),
    token,
    event,
  };
}

/** The event payload's commit author and pull request; a missing or oversized file gives neither. */
function readEvent(path: string | undefined): GateSettings['event'] {
  const none = { commitAuthor: undefined, pullNumber: undefined };
  // No event file outside a runner (the shipgate command): the commit author is then unknown.
  if (!path || !existsSync(path) || statSync(path).size > 25 * 1024 * 1024) return none;
  {
    const payload = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    const pr = record(payload.pull_request);
    const issue = record(payload.issue);
    const headCommit = record(payload.head_commit);
    const author = str(record(headCommit?.author)?.username) ?? str(record(pr?.user)?.login) ?? undefined;
    const number = num(pr?.number) ?? (issue?.pull_request ? num(issue.number) : undefined);
    return { commitAuthor: author && LOGIN.test(author) ? author : undefined, pullNumber: number };
  }
}

const record = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined);

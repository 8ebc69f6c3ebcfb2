import { formatDuration } from '@shipgate/kit';
import type { ApprovalWords, Tally } from '@shipgate/policy';
import type { ApproverRef, GroupSpec } from './settings.js';

/**
 * The text of the request and of the closing note. It says exactly who can approve and how, and never claims
 * more than happened. A hidden marker carries what a later run (pending mode) needs: the actor and the commit.
 */
export interface RequestFacts {
  environment: string | undefined;
  version: string | undefined;
  sha: string;
  actor: string;
  commitAuthor: string | undefined;
  runUrl: string | undefined;
  approvers: readonly ApproverRef[];
  groups: readonly GroupSpec[];
  minimumApprovals: number;
  allowSelfApproval: boolean;
  words: ApprovalWords;
  timeoutMs: number;
  onTimeout: 'deny' | 'approve';
}

const MARKER = /<!-- shipgate:approval-gate (\{.*?\}) -->/;

const ref = (r: ApproverRef) => (r.kind === 'user' ? `@${r.login}` : `@${r.org}/${r.slug}`);
const code = (w: string) => `\`${w}\``;

export function requestTitle(f: Pick<RequestFacts, 'environment' | 'version' | 'sha'>): string {
  return `Approve deployment of ${f.version ?? f.sha.slice(0, 12)}${f.environment ? ` to ${f.environment}` : ''}`;
}

export function requestBody(f: RequestFacts): string {
  const who = f.approvers.map(ref).join(', ') || 'nobody outside the groups below';
  const self = f.allowSelfApproval
    ? ''
    : `\n- @${f.actor} (who started the run)${f.commitAuthor && f.commitAuthor !== f.actor ? ` and @${f.commitAuthor} (who wrote the commit)` : ''} cannot approve.`;
  const groups = f.groups.map((g) => `- **${g.name}**: ${g.minimum} of ${g.members.map(ref).join(', ')}`).join('\n');
  const timeout =
    f.onTimeout === 'deny'
      ? `Without a decision within ${formatDuration(f.timeoutMs)} the deployment is **denied**.`
      : `Without a decision within ${formatDuration(f.timeoutMs)} the deployment **goes ahead** (on-timeout: approve).`;
  return [
    `The deployment of \`${f.version ?? f.sha}\`${f.environment ? ` to **${f.environment}**` : ''} (commit ${f.sha}) waits for approval${f.runUrl ? ` in [this run](${f.runUrl})` : ''}.`,
    '',
    `**Who can approve:** ${who}, with write access to the repository. ${f.minimumApprovals} distinct ${f.minimumApprovals === 1 ? 'person is' : 'people are'} needed.`,
    ...(groups ? ['', 'Each of these groups must approve too:', groups] : []),
    '',
    `**How:** write a comment whose line is exactly one of ${f.words.approve.map(code).join(', ')} to approve, or ${f.words.deny.map(code).join(', ')} to deny. A deny by any approver wins.`,
    '',
    `Not counted: words inside a sentence, a quote or code; comments edited after they were written; bots; people without write access; a second approval by the same person.${self}`,
    '',
    timeout,
    '',
    `<!-- shipgate:approval-gate ${JSON.stringify({
      actor: f.actor,
      sha: f.sha,
      commitAuthor: f.commitAuthor ?? null,
      version: f.version ?? null,
      environment: f.environment ?? null,
    })} -->`,
  ].join('\n');
}

/** What an earlier request recorded about itself: who started it and what it asked to deploy where. */
export interface RequestMarker {
  actor: string;
  sha: string;
  commitAuthor: string | undefined;
  version: string | undefined;
  environment: string | undefined;
}

/** What an earlier request recorded about itself, or undefined when the body holds no marker. */
export function readMarker(body: string): RequestMarker | undefined {
  const m = MARKER.exec(body);
  if (!m) return undefined;
  try {
    const data = JSON.parse(m[1] as string) as Record<string, unknown>;
    if (typeof data.actor !== 'string' || typeof data.sha !== 'string') return undefined;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    return {
      actor: data.actor,
      sha: data.sha,
      commitAuthor: text(data.commitAuthor),
      version: text(data.version),
      environment: text(data.environment),
    };
  } catch {
    return undefined; // a marker someone broke is not ours: the caller refuses the request
  }
}

/** The closing note: the outcome, who decided, and what was not counted and why. */
export function closingNote(
  outcome: string,
  reason: string,
  tally: Tally | undefined,
  countedRequests?: number,
): string {
  const lines = [`**${outcome}.** ${reason}`];
  const ignored = (tally?.items ?? []).filter((i) => !i.counted && i.verdict !== undefined);
  if (ignored.length > 0) {
    lines.push('', 'Not counted:');
    for (const i of ignored) lines.push(`- ${i.verdict} by @${i.author} (${i.url}): ${i.reason}`);
  }
  if (countedRequests !== undefined)
    lines.push('', `_Requests counted against the API rate limit while waiting: ${countedRequests}._`);
  return lines.join('\n');
}

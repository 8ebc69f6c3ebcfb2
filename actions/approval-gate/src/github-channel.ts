import { HttpError, ShipgateError } from '@shipgate/kit';
import type { GitHubClient } from '@shipgate/github';
import type { ApprovalChannel, ApprovalSignal, ApproverGroup, VoterAccess } from '@shipgate/policy';
import type { ApproverRef, GroupSpec } from './settings.js';

/**
 * The approval channel on GitHub: the comments of an issue or pull request (and a pull request's reviews), read
 * with conditional requests (`If-None-Match`), so a poll that finds nothing new is answered 304 and does not
 * count against the rate limit. Teams are expanded through the API and write access read per voter, at counting.
 */
export class GitHubApprovalChannel implements ApprovalChannel {
  /** Requests that counted against the rate limit (every answer but a 304). */
  counted = 0;
  private readonly pages = new Map<string, { etag: string; items: unknown[]; next: boolean }>();

  constructor(
    private readonly client: GitHubClient,
    private readonly repository: { owner: string; repo: string },
    private readonly number: number,
    private readonly options: { since: string; reviews: boolean; approvers: ApproverRef[]; groups: GroupSpec[] },
  ) {}

  async readVotes(): Promise<ApprovalSignal[] | undefined> {
    const { owner, repo } = this.repository;
    const comments = await this.readList(`/repos/${owner}/${repo}/issues/${this.number}/comments`, {
      since: this.options.since,
    });
    const reviews = this.options.reviews
      ? await this.readList(`/repos/${owner}/${repo}/pulls/${this.number}/reviews`, {})
      : { changed: false, items: [] };
    if (!comments.changed && !reviews.changed) return undefined;
    return [...comments.items.map(commentSignal), ...reviews.items.map(reviewSignal)].filter(
      (s): s is ApprovalSignal => s !== undefined,
    );
  }

  async access(voters: readonly string[]): Promise<VoterAccess> {
    const expanded = await expandApprovers(this, this.options.approvers, this.options.groups);
    const writers = new Set<string>();
    for (const login of voters) if (await this.canWrite(login)) writers.add(login);
    return { ...expanded, writers };
  }

  /** Whether `login` can push to the repository now (admin, maintain or write). */
  async canWrite(login: string): Promise<boolean> {
    const { owner, repo } = this.repository;
    try {
      this.counted += 1;
      const { data } = await this.client.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', {
        owner,
        repo,
        username: login,
      });
      return data.permission === 'admin' || data.permission === 'write';
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return false;
      throw error;
    }
  }

  /** Every active member of `org/slug`, over as many pages as it takes. */
  async teamMembers(org: string, slug: string): Promise<string[]> {
    const logins: string[] = [];
    try {
      for await (const page of this.client.paginate.iterator('GET /orgs/{org}/teams/{team_slug}/members', {
        org,
        team_slug: slug,
        per_page: 100,
      })) {
        this.counted += 1;
        logins.push(...page.data.map((u) => u.login));
      }
    } catch (error) {
      if (error instanceof HttpError && error.status === 404)
        throw new ShipgateError(`The team ${org}/${slug} was not found, or the token cannot see its members.`, {
          hint: 'Check the approvers input; a workflow GITHUB_TOKEN cannot read organisation teams, so use a token with members: read.',
        });
      throw error;
    }
    return logins;
  }

  /** All pages of a list, each asked for with its last ETag; `changed` is false when every page was a 304. */
  private async readList(path: string, query: Record<string, string>): Promise<{ changed: boolean; items: unknown[] }> {
    const items: unknown[] = [];
    let changed = false;
    for (let page = 1; ; page++) {
      const key = `${path}?page=${page}`;
      const cached = this.pages.get(key);
      let entry = cached;
      try {
        const response = await this.client.request(`GET ${path}`, {
          ...query,
          per_page: 100,
          page,
          headers: cached ? { 'if-none-match': cached.etag } : {},
        });
        this.counted += 1;
        changed = true;
        const link = String(response.headers.link ?? '');
        entry = {
          etag: String(response.headers.etag ?? ''),
          items: response.data as unknown[],
          next: link.includes('rel="next"'),
        };
        this.pages.set(key, entry);
      } catch (error) {
        // 304 Not Modified: GitHub does not count it against the rate limit; the cached page stands.
        if (!(error instanceof HttpError && error.status === 304 && cached)) throw error;
      }
      items.push(...(entry?.items ?? []));
      if (!entry?.next) break;
    }
    return { changed, items };
  }
}

/** Approvers and groups with every team expanded to its members. */
export async function expandApprovers(
  channel: Pick<GitHubApprovalChannel, 'teamMembers'>,
  approvers: readonly ApproverRef[],
  groups: readonly GroupSpec[],
): Promise<{ approvers: string[]; groups: ApproverGroup[] }> {
  const teams = new Map<string, Promise<string[]>>();
  const logins = async (refs: readonly ApproverRef[]) => {
    const all: string[] = [];
    for (const ref of refs) {
      if (ref.kind === 'user') all.push(ref.login);
      else {
        const key = `${ref.org}/${ref.slug}`;
        if (!teams.has(key)) teams.set(key, channel.teamMembers(ref.org, ref.slug));
        all.push(...(await (teams.get(key) as Promise<string[]>)));
      }
    }
    return all;
  };
  return {
    approvers: await logins(approvers),
    groups: await Promise.all(
      groups.map(async (g) => ({ name: g.name, minimum: g.minimum, members: await logins(g.members) })),
    ),
  };
}

type Raw = Record<string, unknown>;
const user = (item: Raw) => (item.user ?? {}) as Raw;
const isBot = (u: Raw) => u.type === 'Bot' || String(u.login ?? '').endsWith('[bot]');

function commentSignal(value: unknown): ApprovalSignal | undefined {
  const item = value as Raw;
  const created = Date.parse(String(item.created_at));
  if (!Number.isFinite(created)) return undefined;
  const updated = Date.parse(String(item.updated_at));
  return {
    id: `comment ${String(item.id)}`,
    kind: 'comment',
    author: String(user(item).login ?? ''),
    authorIsBot: isBot(user(item)),
    createdAt: created,
    updatedAt: Number.isFinite(updated) ? updated : undefined,
    body: typeof item.body === 'string' ? item.body : '',
    url: String(item.html_url ?? ''),
  };
}

function reviewSignal(value: unknown): ApprovalSignal | undefined {
  const item = value as Raw;
  const submitted = Date.parse(String(item.submitted_at));
  if (!Number.isFinite(submitted)) return undefined; // a pending review has not been submitted
  return {
    id: `review ${String(item.id)}`,
    kind: 'review',
    author: String(user(item).login ?? ''),
    authorIsBot: isBot(user(item)),
    createdAt: submitted,
    updatedAt: undefined,
    body: typeof item.body === 'string' ? item.body : '',
    reviewState: String(item.state ?? ''),
    url: String(item.html_url ?? ''),
  };
}

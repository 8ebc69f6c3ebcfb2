/**
 * Who may do what: a user's role on a repository, and team membership. Both answer 404 for someone without
 * access, as GitHub does.
 */
import { renderUser } from '../github-objects.js';
import { notFound } from '../http-errors.js';
import { pageOf } from '../pagination.js';
import { param, repoRoute, route } from '../router.js';
import type { Route } from '../router.js';
import type { Permission } from '../state.js';

/** The legacy `permission` field maps the five roles onto admin, write and read. */
const LEGACY_PERMISSION: Record<Permission, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
};
const RANK: Record<Permission, number> = { read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

/** Routes for collaborator permission, team members and team membership. */
export function accessRoutes(): Route[] {
  return [
    repoRoute('GET', '/repos/{owner}/{repo}/collaborators/{username}/permission', (ctx) => {
      const login = param(ctx, 'username');
      const role = ctx.state.collaborators.get(ctx.repo.fullName)?.get(login);
      if (!role) throw notFound();
      const rank = RANK[role];
      const user = {
        ...renderUser(ctx.urls, ctx.state.user(login)),
        permissions: { admin: rank >= 5, maintain: rank >= 4, push: rank >= 3, triage: rank >= 2, pull: rank >= 1 },
        role_name: role,
      };
      return { status: 200, body: { permission: LEGACY_PERMISSION[role], role_name: role, user } };
    }),
    // Active members only, in the order they were added; `role` filters. Paginated like every list.
    route('GET', '/orgs/{org}/teams/{team_slug}/members', (ctx) => {
      const members = ctx.state.teams.get(`${param(ctx, 'org')}/${param(ctx, 'team_slug')}`);
      if (!members) throw notFound();
      const role = ctx.query.get('role') ?? 'all';
      const logins = [...members]
        .filter(([, m]) => m.state === 'active' && (role === 'all' || m.role === role))
        .map(([login]) => login);
      return pageOf(ctx, logins, (login) => renderUser(ctx.urls, ctx.state.user(login)));
    }),
    route('GET', '/orgs/{org}/teams/{team_slug}/memberships/{username}', (ctx) => {
      const org = param(ctx, 'org');
      const team = param(ctx, 'team_slug');
      const login = param(ctx, 'username');
      const membership = ctx.state.teams.get(`${org}/${team}`)?.get(login);
      if (!membership) throw notFound();

      return {
        status: 200,
        body: {
          url: `${ctx.urls.api}/organizations/${stableId(org)}/team/${stableId(`${org}/${team}`)}/memberships/${encodeURIComponent(login)}`,
          role: membership.role,
          state: membership.state,
        },
      };
    }),
  ];
}

/** A stable id derived from a name: organisations and teams have no records of their own. */
export function stableId(key: string): number {
  let hash = 7;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000_007;
  return hash;
}

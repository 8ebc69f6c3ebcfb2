/**
 * The token's own user (`GET /user`) and the rate-limit overview (`GET /rate_limit`, which does not count).
 */
import { renderUser } from '../github-objects.js';
import { ApiError } from '../http-errors.js';
import { route } from '../router.js';
import type { Route } from '../router.js';

/** Routes for `/user` and `/rate_limit`. */
export function metaRoutes(): Route[] {
  return [
    route('GET', '/user', (ctx) => {
      // A workflow's GITHUB_TOKEN is an installation token: GitHub refuses it here.
      if (ctx.actor.type === 'Bot') throw new ApiError(403, { message: 'Resource not accessible by integration' });
      const at = '2020-01-01T00:00:00Z';
      return {
        status: 200,
        body: {
          ...renderUser(ctx.urls, ctx.actor),
          name: ctx.actor.name,
          company: null,
          blog: '',
          location: null,
          email: null,
          hireable: null,
          bio: null,
          twitter_username: null,
          public_repos: 0,
          public_gists: 0,
          followers: 0,
          following: 0,
          created_at: at,
          updated_at: at,
        },
      };
    }),
    route('GET', '/rate_limit', (ctx) => {
      const core = ctx.rateLimit();
      const other = (limit: number): Record<string, number> => ({
        limit,
        used: 0,
        remaining: limit,
        reset: core.reset,
      });
      return {
        status: 200,
        body: {
          resources: {
            core,
            search: other(30),
            graphql: other(5000),
            integration_manifest: other(5000),
            code_search: other(10),
            source_import: other(100),
            actions_runner_registration: other(10000),
            scim: other(15000),
            dependency_snapshots: other(100),
          },
          rate: core,
        },
      };
    }),
  ];
}

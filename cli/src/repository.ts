import { execFileSync } from 'node:child_process';

const NAME = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;

/**
 * The `owner/name` of a GitHub remote URL on `host`: `https://github.com/o/r(.git)`, `git@github.com:o/r(.git)`,
 * `ssh://git@github.com[:22]/o/r(.git)`; `undefined` for a remote elsewhere or a URL of another shape.
 */
export function tryParseGitHubRemote(url: string, host = 'github.com'): string | undefined {
  const trimmed = url.trim();
  const scp = /^[^@/\s]+@([^:/\s]+):(?!\/)(.+)$/.exec(trimmed);
  let remoteHost: string;
  let path: string;
  if (scp) {
    [, remoteHost = '', path = ''] = scp;
  } else {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      return undefined;
    }
    if (!['https:', 'http:', 'ssh:', 'git:', 'git+ssh:'].includes(parsed.protocol)) return undefined;
    remoteHost = parsed.hostname;
    path = parsed.pathname;
  }
  if (remoteHost.toLowerCase() !== host.toLowerCase()) return undefined;
  const name = path
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  return NAME.test(name) ? name : undefined;
}

/** Reads the URL of the `origin` remote of the git repository holding `cwd`; `undefined` outside one. */
export function readOriginUrl(cwd: string): string | undefined {
  try {
    return (
      execFileSync('git', ['config', '--get', 'remote.origin.url'], {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 5000,
      }).trim() || undefined
    );
  } catch {
    // Not a git repository, no origin remote, or no git: the repository stays unset and the action says so.
    return undefined;
  }
}

/**
 * The repository a local run acts on: `GITHUB_REPOSITORY` from the environment, else the `origin` remote of the
 * git repository in `cwd` when it is on GitHub (or on the host of `GITHUB_SERVER_URL`), else `undefined`.
 */
export function detectRepository(
  env: NodeJS.ProcessEnv,
  cwd: string,
  originUrl: (cwd: string) => string | undefined = readOriginUrl,
): string | undefined {
  if (env.GITHUB_REPOSITORY) return env.GITHUB_REPOSITORY;
  const url = originUrl(cwd);
  if (!url) return undefined;
  let host = 'github.com';
  if (env.GITHUB_SERVER_URL) {
    try {
      host = new URL(env.GITHUB_SERVER_URL).hostname;
    } catch {
      // A malformed server URL: keep github.com.
    }
  }
  return tryParseGitHubRemote(url, host);
}

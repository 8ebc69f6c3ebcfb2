/**
 * Real git repositories in temporary folders for the security-scan tests, and planted secrets: random on every
 * run, in the formats real providers issue, so a rule cannot have been fitted to them.
 */
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempDir } from '../support/services/index.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const DIGITS = '0123456789';

export const chars = (alphabet: string, length: number): string =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');

/** Fresh secrets of four providers. */
export function plantSecrets() {
  return {
    githubPat: `ghp_${chars(ALNUM, 36)}`,
    awsKeyId: `AKIA${chars(UPPER_B32, 16)}`,
    stripe: `sk_live_${chars(ALNUM, 24)}`,
    slack: `xoxb-${chars(DIGITS, 11)}-${chars(DIGITS, 12)}-${chars(ALNUM, 24)}`,
  };
}

/** A git repository with an identity, in its own temporary folder. */
export interface GitRepo {
  dir: string;
  /** Writes the files (creating folders) and commits them; returns the commit's SHA. */
  commit(files: Record<string, string | Buffer>, message: string): string;
  git(...args: string[]): string;
  read(path: string): string;
}

export function gitRepo(label: string): GitRepo {
  const dir = createTempDir(label).path;
  const git = (...args: string[]): string =>
    execFileSync('git', ['-C', dir, ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1' },
    });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'Dev');
  git('config', 'commit.gpgsign', 'false');
  return {
    dir,
    git,
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    commit(files, message) {
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      git('add', '-A');
      git('commit', '-q', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
  };
}

/** A pull_request event file for `base`..`head`. */
export function pullRequestEvent(dir: string, base: string, head: string): string {
  const path = join(dir, 'event.json');
  writeFileSync(
    path,
    JSON.stringify({
      action: 'opened',
      number: 7,
      pull_request: { number: 7, base: { sha: base }, head: { sha: head } },
    }),
  );
  return path;
}

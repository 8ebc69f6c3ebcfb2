import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJob, removeJob } from './job.js';

describe('createJob', () => {
  it('makes up no repository: without one, GITHUB_REPOSITORY is unset even if the base environment had it', () => {
    const job = createJob({
      node: 'node',
      baseEnv: { GITHUB_REPOSITORY: 'stale/value', GITHUB_REPOSITORY_OWNER: 'stale' },
    });
    try {
      expect(job.env.GITHUB_REPOSITORY).toBeUndefined();
      expect(job.env.GITHUB_REPOSITORY_OWNER).toBeUndefined();
      expect(JSON.parse(readFileSync(job.env.GITHUB_EVENT_PATH ?? '', 'utf8'))).toEqual({});
    } finally {
      removeJob(job);
    }
  });

  it('sets the repository, its owner and the event when given one, and keeps the secrets to mask', () => {
    const job = createJob({ node: 'node', baseEnv: {}, context: { repository: 'acme/shop' }, secrets: ['tok', ''] });
    try {
      expect(job.env).toMatchObject({ GITHUB_REPOSITORY: 'acme/shop', GITHUB_REPOSITORY_OWNER: 'acme' });
      expect(JSON.parse(readFileSync(job.env.GITHUB_EVENT_PATH ?? '', 'utf8'))).toEqual({
        repository: { full_name: 'acme/shop' },
      });
      expect(job.secrets).toEqual(['tok']);
    } finally {
      removeJob(job);
    }
  });
});

describe('removeJob', () => {
  it("deletes the job's folder but not a workspace it was given", () => {
    const workspace = mkdtempSync(join(tmpdir(), 'shipgate-workspace-'));
    const job = createJob({ node: 'node', workspace, baseEnv: {} });
    expect(existsSync(job.runnerTemp)).toBe(true);
    removeJob(job);
    expect(existsSync(job.root)).toBe(false);
    expect(existsSync(workspace)).toBe(true);
  });
});

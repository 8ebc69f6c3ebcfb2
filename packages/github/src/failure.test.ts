import { describe, expect, it } from 'vitest';
import { classifyFailure, describePermissions } from './failure.js';
import type { OctokitFailure } from './failure.js';

const NOW = Date.parse('2025-05-01T08:00:00Z');

function failure(
  status: number,
  headers: Record<string, string> = {},
  data: unknown = { message: 'x' },
): OctokitFailure {
  return {
    name: 'HttpError',
    message: 'x',
    status,
    response: { status, headers, data, url: 'https://api.github.com/x' },
  };
}

describe('classifyFailure', () => {
  it('treats a missing response as a network error and 5xx as a server error', () => {
    expect(classifyFailure({ name: 'HttpError', message: 'fetch failed', status: 500 }, NOW)).toEqual({
      kind: 'network',
      message: 'fetch failed',
    });
    expect(classifyFailure(failure(502), NOW)).toMatchObject({ kind: 'server', status: 502 });
  });

  it('reads retry-after as seconds or as an HTTP date', () => {
    expect(classifyFailure(failure(403, { 'retry-after': '30' }), NOW)).toMatchObject({
      kind: 'rate-limit',
      waitSeconds: 30,
    });
    expect(classifyFailure(failure(429, { 'retry-after': new Date(NOW + 45_000).toUTCString() }), NOW)).toMatchObject({
      waitSeconds: 45,
    });
  });

  it('waits for x-ratelimit-reset when remaining is 0', () => {
    const reset = String(NOW / 1000 + 90);
    expect(
      classifyFailure(failure(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), NOW),
    ).toMatchObject({
      kind: 'rate-limit',
      waitSeconds: 90,
      resetsAt: new Date(NOW + 90_000),
    });
  });

  it('waits a minute for a rate limit that gives no time, as GitHub advises', () => {
    expect(
      classifyFailure(failure(403, {}, { message: 'You have exceeded a secondary rate limit.' }), NOW),
    ).toMatchObject({ kind: 'rate-limit', waitSeconds: 60 });
    expect(classifyFailure(failure(429), NOW)).toMatchObject({ kind: 'rate-limit', waitSeconds: 60 });
  });

  it('treats other 403s and 4xx as client errors, keeping the accepted permissions', () => {
    expect(classifyFailure(failure(403, { 'x-accepted-github-permissions': 'issues=write' }), NOW)).toEqual({
      kind: 'client',
      status: 403,
      message: 'x',
      acceptedPermissions: 'issues=write',
    });
    expect(
      classifyFailure(
        failure(422, {}, { message: 'Validation Failed', errors: [{ code: 'custom', message: 'too long' }] }),
        NOW,
      ),
    ).toMatchObject({
      kind: 'client',
      message: 'Validation Failed: too long',
    });
  });
});

describe('describePermissions', () => {
  it('renders GitHub header as permissions YAML', () => {
    expect(describePermissions('deployments=write')).toBe('deployments: write');
    expect(describePermissions('contents=read,checks=write; statuses=write')).toBe(
      'one of {contents: read, checks: write} or {statuses: write}',
    );
  });
});

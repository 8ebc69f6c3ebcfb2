import { describe, expect, it } from 'vitest';
import { DEFAULT_APPROVAL_WORDS } from '@shipgate/policy';
import { closingNote, readMarker, requestBody, type RequestFacts } from './request-text.js';

const facts: RequestFacts = {
  environment: 'production',
  version: 'v1.2.0',
  sha: 'a'.repeat(40),
  actor: 'dev',
  commitAuthor: 'carol',
  runUrl: 'https://github.com/o/r/actions/runs/1',
  approvers: [
    { kind: 'user', login: 'alice' },
    { kind: 'team', org: 'octo-org', slug: 'sre' },
  ],
  groups: [{ name: 'security', minimum: 1, members: [{ kind: 'team', org: 'octo-org', slug: 'sec' }] }],
  minimumApprovals: 2,
  allowSelfApproval: false,
  words: DEFAULT_APPROVAL_WORDS,
  timeoutMs: 3_600_000,
  onTimeout: 'approve',
};

describe('requestBody', () => {
  it('says who can approve, how, what is not counted and what a timeout means', () => {
    const body = requestBody(facts);
    expect(body).toContain(
      '**Who can approve:** @alice, @octo-org/sre, with write access to the repository. 2 distinct people are needed.',
    );
    expect(body).toContain('- **security**: 1 of @octo-org/sec');
    expect(body).toContain('exactly one of `approve`, `approved`, `/approve`, `lgtm`, `yes` to approve');
    expect(body).toContain('@dev (who started the run) and @carol (who wrote the commit) cannot approve.');
    expect(body).toContain('Without a decision within 1h the deployment **goes ahead** (on-timeout: approve).');
  });

  it('leaves the self-approval sentence out when it is allowed', () => {
    expect(requestBody({ ...facts, allowSelfApproval: true })).not.toContain('cannot approve');
  });
});

describe('readMarker', () => {
  it('reads back what the request recorded', () => {
    expect(readMarker(requestBody(facts))).toEqual({
      actor: 'dev',
      sha: 'a'.repeat(40),
      commitAuthor: 'carol',
      version: facts.version,
      environment: facts.environment,
    });
  });

  it('gives undefined for a body without a marker or with a broken one', () => {
    expect(readMarker('Please approve')).toBeUndefined();
    expect(readMarker('<!-- shipgate:approval-gate {"actor":1} -->')).toBeUndefined();
    expect(readMarker('<!-- shipgate:approval-gate {not json} -->')).toBeUndefined();
  });
});

describe('closingNote', () => {
  it('lists the votes that were not counted, with why, and the cost of waiting', () => {
    const note = closingNote(
      'Timed out',
      'No decision.',
      {
        decision: 'pending',
        reason: '',
        approvals: [],
        denial: undefined,
        groups: [],
        items: [
          { id: 'c1', author: 'dev', url: 'u1', verdict: 'approve', counted: false, reason: "dev is the run's actor" },
          { id: 'c2', author: 'bob', url: 'u2', verdict: undefined, counted: false, reason: 'no word' },
        ],
      },
      4,
    );
    expect(note).toBe(
      "**Timed out.** No decision.\n\nNot counted:\n- approve by @dev (u1): dev is the run's actor\n\n_Requests counted against the API rate limit while waiting: 4._",
    );
  });
});

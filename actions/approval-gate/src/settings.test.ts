import { describe, expect, it } from 'vitest';
import { parseApprover, parseGroups } from './settings.js';

describe('parseApprover', () => {
  it('reads logins, bots and org/team slugs', () => {
    expect(parseApprover('alice', 'approvers')).toEqual({ kind: 'user', login: 'alice' });
    expect(parseApprover('octo-org/sre.team', 'approvers')).toEqual({
      kind: 'team',
      org: 'octo-org',
      slug: 'sre.team',
    });
  });

  it('names the input and the value of a bad approver', () => {
    expect(() => parseApprover('@alice', 'approvers')).toThrow(
      `Input 'approvers' has an invalid value "@alice": expected GitHub logins and 'org/team' slugs`,
    );
    expect(() => parseApprover('a/b/c', 'approvers')).toThrow(/"a\/b\/c"/);
  });
});

describe('parseGroups', () => {
  it('reads one group per line with an optional minimum', () => {
    expect(parseGroups('sre: alice, octo-org/sre\nsecurity(2): octo-org/sec')).toEqual([
      {
        name: 'sre',
        minimum: 1,
        members: [
          { kind: 'user', login: 'alice' },
          { kind: 'team', org: 'octo-org', slug: 'sre' },
        ],
      },
      { name: 'security', minimum: 2, members: [{ kind: 'team', org: 'octo-org', slug: 'sec' }] },
    ]);
    expect(parseGroups(undefined)).toEqual([]);
  });

  it('names approver-groups and the line when it is wrong', () => {
    expect(() => parseGroups('sre alice')).toThrow(`Input 'approver-groups' has an invalid value "sre alice"`);
    expect(() => parseGroups('sre(0): alice')).toThrow(/"sre\(0\): alice"/);
    expect(() => parseGroups('sre: @alice')).toThrow(`Input 'approver-groups' has an invalid value "@alice"`);
  });
});

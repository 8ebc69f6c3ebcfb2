import { describe, expect, it } from 'vitest';
import type { InputError } from '@shipgate/core';
import { writePayload, type DeploymentRecord } from '@shipgate/history';
import { resolveServers } from './servers.js';

const record = (
  version: string,
  targets: string[],
  previous?: { version: string; targets: string[] },
): DeploymentRecord => ({
  id: 1,
  environment: 'production',
  ref: `ref-${version}`,
  task: 'deploy:canary',
  version,
  payload: writePayload({
    version,
    provider: 'nginx',
    targets,
    previous: previous ? { ...previous, deploymentId: undefined } : undefined,
    nginx: undefined,
  }),
  createdAt: '',
  creator: 'github-actions[bot]',
  state: 'success',
});

const none = { targets: [], currentTargets: [], allowedTargets: [] };
const workflow = { logins: ['github-actions[bot]'] };

describe('resolveServers', () => {
  it('never sends traffic to an address only a deployment record names', () => {
    const target = record('v1', ['203.0.113.9:80']);
    expect(() => resolveServers(target, record('v2', ['10.0.0.2:80']), none, workflow)).toThrow(
      /^Input 'allowed-targets' is required: expected servers that include 203\.0\.113\.9:80/,
    );
    expect(() =>
      resolveServers(target, record('v2', ['10.0.0.2:80']), { ...none, allowedTargets: ['10.0.0.1:80'] }, workflow),
    ).toThrow(/allowed-targets/);
  });

  it('uses recorded addresses the workflow declares', () => {
    const servers = resolveServers(
      record('v1', ['10.0.0.1:80']),
      record('v2', ['10.0.0.2:80']),
      {
        ...none,
        allowedTargets: ['10.0.0.1:80', '10.0.0.2:80'],
      },
      workflow,
    );
    expect(servers).toMatchObject({ target: ['10.0.0.1:80'], current: ['10.0.0.2:80'], notes: [] });
  });

  it('lets the targets input win over the record, and says so', () => {
    const servers = resolveServers(
      record('v1', ['203.0.113.9:80']),
      record('v2', ['10.0.0.2:80']),
      {
        ...none,
        targets: ['10.0.0.1:80'],
      },
      workflow,
    );
    expect(servers.target).toEqual(['10.0.0.1:80']);
    expect(servers.notes).toEqual([
      'The history says v1 runs on 203.0.113.9:80; the targets input (10.0.0.1:80) wins.',
    ]);
  });

  it("finds the old version's servers in the previous block of the rollout that replaced it", () => {
    const first = {
      version: 'v1',
      payload: {},
      id: 2,
      environment: 'production',
      ref: 'r1',
      task: 'deploy',
      createdAt: '',
      state: 'success' as const,
    };
    const servers = resolveServers(
      first,
      record('v2', ['10.0.0.2:80'], { version: 'v1', targets: ['10.0.0.1:80'] }),
      {
        ...none,
        allowedTargets: ['10.0.0.1:80'],
      },
      workflow,
    );
    expect(servers.target).toEqual(['10.0.0.1:80']);
  });

  it('never reads servers from a record someone else created, even declared ones', () => {
    const foreign = { ...record('v1', ['10.0.0.1:80']), creator: 'mallory' };
    const refused = (() => {
      try {
        resolveServers(foreign, record('v2', ['10.0.0.2:80']), { ...none, allowedTargets: ['10.0.0.1:80'] }, workflow);
      } catch (error) {
        return error as InputError;
      }
    })();
    expect(refused?.message).toMatch(/^Input 'targets' is required/);
    expect(refused?.hint).toMatch(
      /deployment 1 by mallory is not trusted for addresses, only records created by github-actions\[bot\]/,
    );
    const replacedByForeign = {
      ...record('v2', ['10.0.0.2:80'], { version: 'v1', targets: ['10.0.0.1:80'] }),
      creator: 'mallory',
    };
    const first = { ...record('v1', []), payload: {} };
    expect(() =>
      resolveServers(first, replacedByForeign, { ...none, allowedTargets: ['10.0.0.1:80'] }, workflow),
    ).toThrow(/targets/);
    expect(
      resolveServers(
        foreign,
        record('v2', ['10.0.0.2:80']),
        { ...none, allowedTargets: ['10.0.0.1:80'] },
        {
          logins: ['mallory', 'github-actions[bot]'],
        },
      ).target,
    ).toEqual(['10.0.0.1:80']);
  });
});

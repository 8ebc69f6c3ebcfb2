import type { Clock } from '@shipgate/core';
import { describe, expect, it } from 'vitest';
import lodash from '../../../test/fixtures/osv/advisories/GHSA-jf85-cpcp-j695.json?raw';
import semver from '../../../test/fixtures/osv/advisories/GHSA-c2qf-rxjj-qqgw.json?raw';
import { lookUpVulnerabilities } from './osv-lookup.js';
import { packageKey } from './package-ref.js';
import type { OsvAnswer, OsvApi, OsvBatchResult, OsvQuery, OsvRecord } from './osv-api.js';
import { FakeOsv } from './testing/fake-osv.js';

const records = [JSON.parse(lodash), JSON.parse(semver)] as OsvRecord[];

/** A clock that moves only when slept on, recording each wait. */
function fakeClock(): Clock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    sleeps.push(ms);
    now += ms;
  };
  return { sleeps, now: () => now, sleep };
}

const npm = (name: string, version: string) => ({ ecosystem: 'npm', name, version });

describe('lookUpVulnerabilities', () => {
  it('asks each package version once, in batches of at most 1000, and fetches each advisory once', async () => {
    const osv = new FakeOsv(records);
    const packages = [
      ...Array.from({ length: 2400 }, (_, i) => npm(`pkg-${i}`, '1.0.0')),
      npm('lodash', '4.17.11'),
      npm('lodash', '4.17.11'),
      npm('lodash-es', '4.17.13'),
      npm('semver', '7.5.1'),
    ];
    const result = await lookUpVulnerabilities(packages, osv, { clock: fakeClock() });
    expect(osv.batches.map((b) => b.length)).toEqual([1000, 1000, 403]);
    expect(result.idsByPackage.get(packageKey(npm('lodash', '4.17.11')))).toEqual(['GHSA-jf85-cpcp-j695']);
    expect(result.idsByPackage.get(packageKey(npm('lodash-es', '4.17.13')))).toEqual(['GHSA-jf85-cpcp-j695']);
    expect(osv.detailRequests.sort()).toEqual(['GHSA-c2qf-rxjj-qqgw', 'GHSA-jf85-cpcp-j695']);
    expect(result.requests).toBe(5);
    expect(result.incomplete).toEqual([]);
  });

  it('follows next_page_token for the queries that have more', async () => {
    const seen: OsvQuery[][] = [];
    const api: OsvApi = {
      async queryBatch(queries): Promise<OsvAnswer<OsvBatchResult[]>> {
        seen.push([...queries]);
        return {
          ok: true,
          value: queries.map((q) =>
            q.package.name === 'lodash' && q.page_token === undefined
              ? { vulns: [{ id: 'GHSA-jf85-cpcp-j695' }], next_page_token: 'page-2' }
              : q.package.name === 'lodash'
                ? { vulns: [{ id: 'GHSA-c2qf-rxjj-qqgw' }] }
                : {},
          ),
        };
      },
      getVulnerability: async (id) => ({ ok: true, value: records.find((r) => r.id === id) as OsvRecord }),
    };
    const result = await lookUpVulnerabilities([npm('lodash', '4.17.11'), npm('left-pad', '1.3.0')], api, {
      clock: fakeClock(),
    });
    expect(seen[1]).toEqual([
      { package: { ecosystem: 'npm', name: 'lodash' }, version: '4.17.11', page_token: 'page-2' },
    ]);
    expect(result.idsByPackage.get(packageKey(npm('lodash', '4.17.11')))).toEqual([
      'GHSA-jf85-cpcp-j695',
      'GHSA-c2qf-rxjj-qqgw',
    ]);
  });

  it('retries throttling with backoff, honouring retry-after', async () => {
    const osv = new FakeOsv(records);
    osv.failNext('batch', { message: 'HTTP 429', retryable: true });
    osv.failNext('batch', { message: 'HTTP 429', retryable: true, retryAfterSeconds: 5 });
    osv.failNext('vuln', { message: 'HTTP 503', retryable: true });
    const clock = fakeClock();
    const result = await lookUpVulnerabilities([npm('lodash', '4.17.11')], osv, { clock });
    expect(clock.sleeps).toEqual([1000, 5000, 1000]);
    expect(result.records.has('GHSA-jf85-cpcp-j695')).toBe(true);
    expect(result.incomplete).toEqual([]);
    expect(result.requests).toBe(5);
  });

  it('reports what it could not look up once the attempts are spent, instead of passing', async () => {
    const osv = new FakeOsv(records);
    osv.failNext('batch', { message: 'HTTP 503 from http://osv.local', retryable: true }, 4);
    const clock = fakeClock();
    const result = await lookUpVulnerabilities([npm('lodash', '4.17.11')], osv, { clock });
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
    expect(result.idsByPackage.size).toBe(0);
    expect(result.incomplete).toEqual([
      'OSV could not look up 1 package versions (lodash 4.17.11) (after 4 attempts): HTTP 503 from http://osv.local',
    ]);
  });

  it('does not retry what cannot succeed, nor wait longer than the policy allows', async () => {
    const osv = new FakeOsv(records);
    osv.failNext('vuln', { message: 'HTTP 404', retryable: false });
    osv.failNext('batch', { message: 'HTTP 429', retryable: true, retryAfterSeconds: 3600 });
    const clock = fakeClock();
    const first = await lookUpVulnerabilities([npm('lodash', '4.17.11')], osv, { clock });
    expect(first.incomplete).toEqual([expect.stringContaining('OSV could not look up 1 package versions')]);
    const second = await lookUpVulnerabilities([npm('lodash', '4.17.11')], osv, { clock });
    expect(second.incomplete).toEqual(['OSV could not fetch advisory GHSA-jf85-cpcp-j695: HTTP 404']);
    expect(clock.sleeps).toEqual([]);
  });
});

// The dependency scan over real HTTP: @shipgate/net's OSV client against the OSV API emulator, which serves
// real GitHub Advisory Database records (test/fixtures/osv). OSV itself cannot be reached from here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { scanDependencies, type OsvRecord, type ScanDependenciesOptions } from '@shipgate/dependencies';
import { systemClock } from '@shipgate/kit';
import { createNetTransport, createOsvClient } from '@shipgate/net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadAdvisories, osvSchemaErrors, startOsvEmulator, type OsvEmulator } from '../support/osv-emulator/index.js';
import { repoRoot } from '../support/paths.js';
import { useService } from '../support/services/use-service.js';

const LOCKFILES = join(repoRoot, 'test', 'fixtures', 'lockfiles');
/** Quick retries: the waits are the code's own (unit-tested with a fake clock), kept short here. */
const RETRY = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 1000 };

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [relative(LOCKFILES, path)];
  });
}

function osvClient(emulator: OsvEmulator) {
  const transport = createNetTransport();
  onTestFinished(() => transport.close());
  return createOsvClient({ url: emulator.url, http: transport.http, timeoutMs: 10_000 });
}

function scan(emulator: OsvEmulator, overrides: Partial<ScanDependenciesOptions> = {}) {
  return scanDependencies({
    files: walk(LOCKFILES),
    readFile: async (path) => readFileSync(join(LOCKFILES, path), 'utf8'),
    osv: osvClient(emulator),
    now: Date.UTC(2026, 0, 15),
    clock: systemClock,
    retry: RETRY,
    ...overrides,
  });
}

describe('OSV emulator', () => {
  it('serves only vendored records that match the published OSV schema', () => {
    const records = loadAdvisories();
    expect(records.map((r) => r.id)).toHaveLength(10);
    expect(records.every((r) => osvSchemaErrors(r) === undefined)).toBe(true);
    expect(osvSchemaErrors({ id: 'GHSA-x', modified: 'yesterday' })).toMatch(/modified must match format "date-time"/);
  });

  it('reports an answer that breaks the schema when it closes', async () => {
    const broken = { ...loadAdvisories()[0], affected: [{ ranges: [{ type: 'SEMVER', events: [] }] }] } as OsvRecord;
    const emulator = await startOsvEmulator({ records: [broken] });
    const answer = await osvClient(emulator).getVulnerability(broken.id);
    expect(answer.ok).toBe(true);
    await expect(emulator.close()).rejects.toThrow(/broke the schema/);
  });
});

describe('OSV emulator querybatch', () => {
  it('matches versions at the edges of the real ranges, per ecosystem', async () => {
    const emulator = await useService(startOsvEmulator());
    const cases: [string, string, string, string[]][] = [
      ['npm', 'lodash', '4.17.11', ['GHSA-jf85-cpcp-j695']],
      ['npm', 'lodash', '4.17.12', []],
      ['npm', 'semver', '6.3.0', ['GHSA-c2qf-rxjj-qqgw']],
      ['npm', 'semver', '6.3.1', []],
      ['npm', 'semver', '7.0.0-rc.1', []],
      ['npm', 'axios', '0.8.0', []],
      ['RubyGems', 'rack', '2.2.8', ['GHSA-22f2-v57c-j9cx']],
      ['RubyGems', 'rack', '2.2.8.1', []],
      ['RubyGems', 'rack', '3.0.9', ['GHSA-22f2-v57c-j9cx']],
      ['PyPI', 'Jinja2', '3.1.2', ['GHSA-h5c8-rqwp-cp95']],
      ['PyPI', 'jinja2', '3.1.3', []],
      ['Packagist', 'guzzlehttp/guzzle', '7.4.5', []],
      ['Go', 'github.com/gin-gonic/gin', '1.8.1', ['GHSA-3vp4-m3rf-835h']],
      ['crates.io', 'regex', '1.5.5', []],
      ['npm', 'regex', '1.5.4', []],
    ];
    const answer = await osvClient(emulator).queryBatch(
      cases.map(([ecosystem, name, version]) => ({ package: { ecosystem, name }, version })),
    );
    expect(answer.ok && answer.value.map((r) => (r.vulns ?? []).map((v) => v.id))).toEqual(cases.map((c) => c[3]));
  });

  it('refuses more than 1000 queries in one batch, as OSV does', async () => {
    const emulator = await useService(startOsvEmulator());
    const query = { package: { ecosystem: 'npm', name: 'lodash' }, version: '4.17.11' };
    const answer = await osvClient(emulator).queryBatch(Array.from({ length: 1001 }, () => query));
    expect(answer).toEqual({ ok: false, failure: expect.objectContaining({ retryable: false }) });
  });
});

describe('scanDependencies against the OSV emulator', () => {
  it('finds the real advisories of every ecosystem at the package line of each lockfile', async () => {
    const emulator = await useService(startOsvEmulator());
    const result = await scan(emulator);
    expect(result.incomplete).toEqual([]);
    const found = result.findings.map((f) => `${f.location?.file}:${f.location?.line} ${f.ruleId} ${f.severity}`);
    expect(found.sort()).toEqual(
      [
        'cargo/Cargo.lock:29 GHSA-m5pq-gvj9-9vr8 high',
        'go/go.mod:6 GHSA-3vp4-m3rf-835h medium',
        'go-sum-only/go.sum:3 GHSA-3vp4-m3rf-835h medium',
        'npm-v1/package-lock.json:7 GHSA-jf85-cpcp-j695 critical',
        'npm-v1/package-lock.json:20 GHSA-xvch-5gv4-984h critical',
        'npm-v2/package-lock.json:14 GHSA-c2qf-rxjj-qqgw medium',
        'npm-v3/package-lock.json:36 GHSA-wf5p-g6vw-rhxx medium',
        'npm-v3/package-lock.json:60 GHSA-jf85-cpcp-j695 critical',
        'npm-v3/package-lock.json:65 GHSA-xvch-5gv4-984h critical',
        'npm-v3/package-lock.json:70 GHSA-c2qf-rxjj-qqgw medium',
        'php/composer.lock:10 GHSA-25mq-v84q-4j7r high',
        'pipenv/Pipfile.lock:19 GHSA-h5c8-rqwp-cp95 medium',
        'pnpm-v6/pnpm-lock.yaml:28 GHSA-wf5p-g6vw-rhxx medium',
        'pnpm-v9/pnpm-lock.yaml:24 GHSA-jf85-cpcp-j695 critical',
        'poetry/poetry.lock:4 GHSA-h5c8-rqwp-cp95 medium',
        'python/requirements.txt:8 GHSA-h5c8-rqwp-cp95 medium',
        'ruby/Gemfile.lock:13 GHSA-22f2-v57c-j9cx medium',
        'shrinkwrap/npm-shrinkwrap.json:14 GHSA-c2qf-rxjj-qqgw medium',
        'yarn-berry/yarn.lock:17 GHSA-wf5p-g6vw-rhxx medium',
        'yarn-berry/yarn.lock:28 GHSA-c2qf-rxjj-qqgw medium',
        'yarn-classic/yarn.lock:13 GHSA-jf85-cpcp-j695 critical',
      ].sort(),
    );
    const guzzle = result.findings.find((f) => f.ruleId === 'GHSA-25mq-v84q-4j7r');
    expect(guzzle?.message).toContain('guzzlehttp/guzzle 7.4.4 (Packagist) is affected by GHSA-25mq-v84q-4j7r');
    expect(guzzle?.message).toContain('Fixed in 7.4.5.');
    // One batch (fewer than 1000 distinct versions), then each advisory's details once.
    const batches = emulator.requests.filter((r) => r.path === '/v1/querybatch');
    expect(batches).toHaveLength(1);
    const details = emulator.requests.filter((r) => r.path.startsWith('/v1/vulns/')).map((r) => r.path);
    expect(details).toHaveLength(new Set(details).size);
    expect(details).toHaveLength(9);
    expect(result.requests).toBe(10);
  });

  it('sends batches of at most 1000 queries and follows next_page_token', async () => {
    const records = loadAdvisories();
    const lodash = records.find((r) => r.id === 'GHSA-jf85-cpcp-j695') as OsvRecord;
    // A second record for lodash (a renamed copy) so that a page size of 1 leaves a next page.
    const emulator = await useService(
      startOsvEmulator({ records: [...records, { ...lodash, id: 'GHSA-copy-of-lodash' }], pageSize: 1 }),
    );
    const names = Array.from({ length: 1500 }, (_, i) => `pkg-${i}`);
    const lock = {
      lockfileVersion: 3,
      packages: Object.fromEntries([
        ...names.map((n) => [`node_modules/${n}`, { version: '1.0.0' }]),
        ['node_modules/lodash', { version: '4.17.11' }],
      ]),
    };
    const result = await scan(emulator, {
      files: ['package-lock.json'],
      readFile: async () => JSON.stringify(lock, null, 2),
    });
    expect(result.incomplete).toEqual([]);
    const batches = emulator.requests.filter((r) => r.path === '/v1/querybatch').map((r) => r.queries);
    expect(batches).toEqual([1000, 501, 1]);
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual(['GHSA-copy-of-lodash', 'GHSA-jf85-cpcp-j695']);
  });

  it('retries a rate limit and completes', async () => {
    const emulator = await useService(startOsvEmulator());
    emulator.rateLimit({ times: 2, retryAfterSeconds: 0 });
    const result = await scan(emulator);
    expect(result.incomplete).toEqual([]);
    expect(result.findings).toHaveLength(21);
    expect(emulator.requests.slice(0, 3).map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('marks the result incomplete, with a warning naming the cause, when the rate limit persists', async () => {
    const emulator = await useService(startOsvEmulator());
    emulator.rateLimit({ times: Infinity, retryAfterSeconds: 0, path: /querybatch/ });
    const result = await scan(emulator);
    expect(result.findings).toEqual([]);
    expect(result.incomplete).toEqual([
      expect.stringMatching(
        /^OSV could not look up \d+ package versions .*\(after 3 attempts\): POST http:\/\/127\.0\.0\.1:\d+\/v1\/querybatch answered HTTP 429/,
      ),
    ]);
  });

  it('marks the result incomplete when OSV fails or drops connections, keeping what it did learn', async () => {
    const emulator = await useService(startOsvEmulator());
    emulator.fail({ times: Infinity, status: 500, path: /GHSA-jf85-cpcp-j695/ });
    emulator.fail({ times: Infinity, drop: true, path: /GHSA-25mq-v84q-4j7r/ });
    const result = await scan(emulator);
    expect(result.incomplete).toEqual([
      expect.stringMatching(/^OSV could not fetch advisory GHSA-jf85-cpcp-j695 \(after 3 attempts\): .*HTTP 500/),
      expect.stringMatching(/^OSV could not fetch advisory GHSA-25mq-v84q-4j7r \(after 3 attempts\)/),
    ]);
    // Still reported, without the details that could not be fetched.
    expect(result.findings).toHaveLength(21);
  });

  it('honours an osv-url with a path prefix (a mirror)', async () => {
    const emulator = await useService(startOsvEmulator());
    const transport = createNetTransport();
    onTestFinished(() => transport.close());
    const client = createOsvClient({ url: `${emulator.url}/mirror/`, http: transport.http });
    const answer = await client.getVulnerability('GHSA-jf85-cpcp-j695');
    expect(answer).toEqual({ ok: false, failure: expect.objectContaining({ retryable: false }) });
    expect(emulator.requests[0]?.path).toBe('/mirror/v1/vulns/GHSA-jf85-cpcp-j695');
  });
});

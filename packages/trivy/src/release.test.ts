import { describe, expect, it } from 'vitest';
import { TRIVY_SHA256, TRIVY_VERSION, trivyRelease } from './release.js';

describe('trivyRelease', () => {
  it('resolves the pinned release for the platform, from GitHub', () => {
    expect(trivyRelease({ platform: 'linux', arch: 'x64' })).toEqual({
      version: TRIVY_VERSION,
      platform: 'Linux-64bit',
      arch: 'x64',
      archive: `trivy_${TRIVY_VERSION}_Linux-64bit.tar.gz`,
      url: `https://github.com/aquasecurity/trivy/releases/download/v${TRIVY_VERSION}/trivy_${TRIVY_VERSION}_Linux-64bit.tar.gz`,
      sha256: TRIVY_SHA256['Linux-64bit'],
    });
    expect(trivyRelease({ platform: 'darwin', arch: 'arm64' }).sha256).toBe(TRIVY_SHA256['macOS-ARM64']);
  });

  it('takes a mirror, another version with its digest, and a leading v', () => {
    const sha256 = 'AB'.repeat(32);
    expect(
      trivyRelease({
        version: 'v0.70.0',
        sha256,
        baseUrl: 'https://mirror.test/trivy/',
        platform: 'linux',
        arch: 'arm64',
      }),
    ).toMatchObject({
      version: '0.70.0',
      url: 'https://mirror.test/trivy/v0.70.0/trivy_0.70.0_Linux-ARM64.tar.gz',
      sha256: sha256.toLowerCase(),
    });
  });

  it('refuses another version without a digest, bad values and unsupported platforms, naming each', () => {
    expect(() => trivyRelease({ version: '0.70.0', platform: 'linux', arch: 'x64' })).toThrow(
      /'trivy-sha256' is required/,
    );
    expect(() => trivyRelease({ sha256: 'xyz', platform: 'linux', arch: 'x64' })).toThrow(
      /'trivy-sha256' has an invalid value "xyz"/,
    );
    expect(() => trivyRelease({ version: 'latest' })).toThrow(/'trivy-version' has an invalid value "latest"/);
    expect(() => trivyRelease({ baseUrl: 'ftp://x', platform: 'linux', arch: 'x64' })).toThrow(/'trivy-url'/);
    expect(() => trivyRelease({ platform: 'win32', arch: 'x64' })).toThrow(
      /"win32\/x64": expected one Trivy is installed for: linux\/x64/,
    );
  });
});

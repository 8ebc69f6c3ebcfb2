import { afterEach, describe, expect, it, vi } from 'vitest';
import { installTrivy } from './install.js';

describe('installTrivy', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('says which runner variable is missing before any download', async () => {
    vi.stubEnv('RUNNER_TOOL_CACHE', '');
    await expect(installTrivy({ platform: 'linux', arch: 'x64' })).rejects.toThrow(
      'Installing Trivy needs RUNNER_TOOL_CACHE, which is not set',
    );
  });

  it('checks the options first', async () => {
    await expect(installTrivy({ version: 'latest' })).rejects.toThrow(/'trivy-version'/);
  });
});

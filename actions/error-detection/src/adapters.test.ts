import { describe, expect, it } from 'vitest';
import { versionIn } from './adapters.js';

describe('versionIn', () => {
  it('reads the version each tool prints', () => {
    expect(versionIn('v24.21.0\n')).toBe('24.21.0');
    expect(versionIn('rustc 1.80.1 (3f5fd8dd4 2024-08-06)')).toBe('1.80.1');
    expect(versionIn('go version go1.22.5 linux/amd64')).toBe('1.22.5');
    expect(versionIn('Python 3.11.7')).toBe('3.11.7');
    expect(versionIn('no version here')).toBeUndefined();
  });
});

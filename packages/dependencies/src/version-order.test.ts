import { describe, expect, it } from 'vitest';
import { compareVersions } from './version-order.js';
import { inRange } from './osv-ranges.js';

const sorted = (ecosystem: string, versions: string[]) =>
  [...versions].sort((a, b) => compareVersions(ecosystem, a, b));

describe('compareVersions', () => {
  it('orders semver with pre-releases before the release (npm, crates.io, Go)', () => {
    expect(sorted('npm', ['1.10.0', '1.2.0', '1.2.0-rc.1', '1.2.0-beta.11', '1.2.0-beta.2', '0.9.9'])).toEqual([
      '0.9.9',
      '1.2.0-beta.2',
      '1.2.0-beta.11',
      '1.2.0-rc.1',
      '1.2.0',
      '1.10.0',
    ]);
    expect(compareVersions('Go', '1.9.0', '1.10.0')).toBeLessThan(0);
  });

  it('orders PyPI, RubyGems and Packagist versions with dev, alpha, rc and post releases', () => {
    expect(sorted('PyPI', ['1.0', '1.0.post1', '1.0rc1', '1.0a1', '1.0.dev3', '0.9.10', '1.0b2'])).toEqual([
      '0.9.10',
      '1.0.dev3',
      '1.0a1',
      '1.0b2',
      '1.0rc1',
      '1.0',
      '1.0.post1',
    ]);
    expect(compareVersions('RubyGems', '2.2.8.1', '2.2.8')).toBeGreaterThan(0);
    expect(compareVersions('RubyGems', '3.0.0.beta1', '3.0.0')).toBeLessThan(0);
    expect(compareVersions('Packagist', '7.4.5', '7.4.10')).toBeLessThan(0);
  });
});

describe('inRange', () => {
  it('reads introduced, fixed and last_affected events', () => {
    const events = [{ introduced: '0' }, { fixed: '4.17.12' }];
    expect(inRange('npm', events, '4.17.11')).toBe(true);
    expect(inRange('npm', events, '4.17.12')).toBe(false);
    const last = [{ introduced: '1.0.0' }, { last_affected: '1.2.0' }];
    expect(['0.9.0', '1.0.0', '1.2.0', '1.2.1'].map((v) => inRange('npm', last, v))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    const rack = [{ introduced: '0.4' }, { fixed: '2.2.8.1' }];
    expect(['2.2.8', '2.2.8.1', '3.0.0'].map((v) => inRange('RubyGems', rack, v))).toEqual([true, false, false]);
  });
});

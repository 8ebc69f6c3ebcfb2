import { describe, expect, it } from 'vitest';
import { isNonSecretShape, isPlaceholder, isWeakDefault } from './decoys.js';
import { redactAll, redactSecret } from './redaction.js';
import { shannonEntropy } from './entropy.js';

describe('isPlaceholder', () => {
  it.each([
    'xxx',
    'XXXXXXXXXXXX',
    '<token>',
    'changeme',
    '${{ secrets.API_KEY }}',
    '${VAR}',
    '${DB_PASSWORD',
    '$(cat /run/secret)',
    '{{ .Values.password }}',
    '%PASSWORD%',
    '$PASSWORD',
    'your-api-key-here',
    'AKIAIOSFODNN7EXAMPLE',
    '************',
    'abcdefghijklmnopqrstuvwxyz',
    'sk_live_0123456789',
    'process.env.TOKEN',
  ])('treats %j as a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  it.each(['ghp_k3J9x2M8q7W1z5V4b6N0c1D2e3F4g5H6i7J8', 'Xk29!dkqP', 'S3cr3tPa55x'])('keeps %j', (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });
});

describe('isNonSecretShape and isWeakDefault', () => {
  it('recognises hashes, UUIDs, versions, numbers, paths and bare URLs', () => {
    for (const value of [
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==',
      '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
      'v1.2.3',
      '123456789',
      './secrets/key.pem',
      'https://example.com/token',
    ])
      expect(isNonSecretShape(value), value).toBe(true);
    expect(isNonSecretShape('Xk29dkqPz81')).toBe(false);
  });

  it('knows local development defaults', () => {
    expect(isWeakDefault('postgres')).toBe(true);
    expect(isWeakDefault('Password')).toBe(true);
    expect(isWeakDefault('Xk29dkqPz81')).toBe(false);
  });
});

describe('redactSecret and redactAll', () => {
  it('shows the first four characters and the length, fewer for short values', () => {
    expect(redactSecret('ghp_0123456789abcdef0123')).toBe('ghp_…(24 chars)');
    expect(redactSecret('S3cr3tPa55')).toBe('S3…(10 chars)');
    expect(redactSecret('hunter')).toBe('…(6 chars)');
  });

  it('replaces every secret, longest first', () => {
    expect(redactAll('a=ABCDEFGHIJKLMNOPQRST b=ABCDEFGHIJKLMNOPQ', ['ABCDEFGHIJKLMNOPQ', 'ABCDEFGHIJKLMNOPQRST'])).toBe(
      'a=ABCD…(20 chars) b=ABCD…(17 chars)',
    );
  });
});

describe('shannonEntropy', () => {
  it('is 0 for one repeated character and log2(n) for n distinct ones', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(shannonEntropy('')).toBe(0);
  });
});

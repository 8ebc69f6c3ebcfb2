import { describe, expect, it } from 'vitest';
import { fingerprintOf, sha256Hex } from './sha256.js';

describe('sha256Hex', () => {
  // FIPS 180-4 examples and well-known digests.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    ['a'.repeat(1000), '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3'],
    ['héllo €', '9cb52b6d1cfc1eae34c63c2b0ff0d49ed8ef2c82482b3c455747594c83754098'],
  ])('hashes %j', (text, digest) => {
    expect(sha256Hex(text)).toBe(digest);
  });
});

describe('fingerprintOf', () => {
  it('separates parts so that moving a boundary changes the fingerprint', () => {
    expect(fingerprintOf(['a', 'bc'])).not.toBe(fingerprintOf(['ab', 'c']));
    expect(fingerprintOf(['a', 'bc'])).toMatch(/^[0-9a-f]{32}$/);
  });
});

import { describe, expect, it } from 'vitest';
import { withoutCredentials } from './url-credentials.js';

describe('withoutCredentials', () => {
  it('takes user and password out of the URL into a Basic authorization and lists what to mask', () => {
    const split = withoutCredentials(new URL('http://admin:s3cr%40t@prometheus:9090/prom/'));
    expect(split.url).toBe('http://prometheus:9090/prom');
    expect(split.authorization).toBe(`Basic ${Buffer.from('admin:s3cr@t').toString('base64')}`);
    expect(split.secrets).toEqual(expect.arrayContaining(['s3cr@t', 's3cr%40t', 'admin:s3cr@t']));
  });

  it('leaves a URL without credentials as it is', () => {
    expect(withoutCredentials(new URL('https://prometheus:9090'))).toEqual({
      url: 'https://prometheus:9090',
      authorization: undefined,
      secrets: [],
    });
  });
});

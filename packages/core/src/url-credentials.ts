/**
 * Credentials written into a URL (`http://user:pass@prometheus:9090`) would be printed wherever the URL is: the
 * log, the summary, the report, a GitHub Deployment status. They are taken out of the URL here and sent as an
 * `Authorization` header instead; the caller masks the returned secrets before anything prints.
 */
export interface UrlWithoutCredentials {
  /** The URL without user and password, without a trailing slash. */
  url: string;
  /** `Basic …` for the credentials, when the URL had any. */
  authorization: string | undefined;
  /** Every form of the credentials to mask: the password, `user:pass`, and the header value. */
  secrets: string[];
}

/** Splits the credentials out of a URL. */
export function withoutCredentials(url: URL): UrlWithoutCredentials {
  const clean = new URL(url.toString());
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  clean.username = '';
  clean.password = '';
  const text = clean.toString().replace(/\/+$/, '');
  if (user === '' && password === '') return { url: text, authorization: undefined, secrets: [] };
  const pair = `${user}:${password}`;
  const encoded = Buffer.from(pair, 'utf8').toString('base64');
  return {
    url: text,
    authorization: `Basic ${encoded}`,
    secrets: [password, url.password, pair, encoded].filter((s) => s !== ''),
  };
}

/**
 * Values that look like secrets and are not: placeholders, references to variables and secret stores, template
 * expressions, documented examples, repeated or sequential characters, hashes, UUIDs and local development
 * defaults. Every rule applies these before reporting; the generic rules apply the password list too.
 */

/** References and templates: `${VAR}`, `${{ secrets.X }}`, `{{ .Values.x }}`, `%VAR%`, `$VAR`, `<token>`, `@VAR@`. */
const REFERENCE = [
  // A value that starts a reference is one, even when the match cut it short (`${DB_PASSWORD` before the brace).
  /^\$\{/,
  /^\$\(/,
  /^\{\{/,
  /^#\{/,
  // A YAML tag: `!vault |`, `!Ref DbPassword`, `!secret db_password`.
  /^![A-Za-z][\w.]*$/,
  /^\{[A-Za-z_][\w.-]*\}$/,
  /^%[A-Za-z_][\w.-]*%$/,
  /^\$[A-Za-z_][A-Za-z0-9_]*$/,
  /^<[^<>]+>$/,
  /^@[A-Za-z_]\w*@$/,
  /^\[[A-Za-z_ -]+\]$/,
  /^(?:process\.env|os\.environ|env|ENV|System\.getenv|getenv|settings|config|secrets|vars)\b/,
  /^#\{[^}]*\}$/,
];

/** Words that mark a value as an example or a placeholder wherever they appear in it. */
const PLACEHOLDER_WORD =
  /example|sample|dummy|placeholder|your[_-]?(?:own[_-]?)?(?:api[_-]?)?(?:key|token|secret|pass|password|access)|redacted|changeme|change[_-]me|replace[_-]?me|insert[_-]?(?:key|token|here)|fake|notreal|not[_-]a[_-]real|xxxx|\*\*\*|\.\.\.|…|todo|fixme|<[a-z_-]+>/i;

/** Local development defaults and words people put where a password goes, compared whole (case-insensitive). */
const COMMON_PASSWORDS = new Set(
  [
    'password',
    'passw0rd',
    'p@ssw0rd',
    'p@ssword',
    'pass',
    'passwd',
    'pwd',
    'secret',
    'secrets',
    'changeit',
    'admin',
    'administrator',
    'root',
    'toor',
    'test',
    'testing',
    'tester',
    'test123',
    'testpass',
    'testpassword',
    'guest',
    'user',
    'username',
    'demo',
    'default',
    'postgres',
    'mysql',
    'mongo',
    'mongodb',
    'redis',
    'rabbitmq',
    'guest',
    'sa',
    'oracle',
    'dev',
    'develop',
    'development',
    'local',
    'localhost',
    'letmein',
    'qwerty',
    'abc123',
    '123456',
    '1234567',
    '12345678',
    '123456789',
    '1234567890',
    'none',
    'null',
    'nil',
    'undefined',
    'true',
    'false',
    'empty',
    'token',
    'apikey',
    'api_key',
    'api-key',
    'key',
    'value',
    'string',
    'str',
    'mypassword',
    'my_password',
    'mysecret',
    'my-secret',
    'my_secret',
    'supersecret',
    'super_secret',
    'hunter2',
    'foo',
    'bar',
    'baz',
    'foobar',
    'welcome',
    'welcome1',
    'docker',
    'vagrant',
    'ubuntu',
    'kubernetes',
    'minikube',
    'airflow',
    'keycloak',
    'grafana',
    'prom-operator',
    'elastic',
    'changeme123',
    'required',
    'optional',
    'string',
    'number',
    'boolean',
    'secret123',
    'password1',
    'password123',
    'admin123',
    'pass123',
    'pa55word',
    'hello',
    'world',
    'helloworld',
    'unused',
    'notused',
    'tbd',
    'n/a',
    'na',
    'blank',
    'unset',
    'masked',
    'hidden',
    'secure',
    'insecure',
  ].map((word) => word.toLowerCase()),
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Hex digests of MD5, SHA-1, SHA-256, SHA-512 (lockfile and checksum values), possibly prefixed by the algorithm. */
const HASH = /^(?:(?:sha(?:1|256|384|512)|md5)[-:=])?(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$/i;
/** Subresource-integrity and lockfile hashes: `sha512-<base64>`. */
const INTEGRITY = /^sha(?:1|256|384|512)-[A-Za-z0-9+/]{20,}={0,2}$/;
const ALPHABET_RUN = 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789012345678901234567890123456789';

/** True for a reference, a template or a placeholder: never a secret, whatever the rule. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim().replace(/^["'`]|["'`]$/g, '');
  if (v.length === 0) return true;
  if (REFERENCE.some((re) => re.test(v))) return true;
  if (PLACEHOLDER_WORD.test(v)) return true;
  if (/^(.)\1+$/.test(v)) return true; // aaaaaa, 000000, ******
  if (/^(.{1,4})\1{3,}$/.test(v)) return true; // abababab, 12341234...
  // Runs of the alphabet or digits: abcdef..., 0123456789..., with an optional prefix such as sk_live_.
  const tail = v.replace(/^[A-Za-z]{1,6}[_-](?:[A-Za-z]{1,8}[_-])?/, '').toLowerCase();
  if (tail.length >= 8 && ALPHABET_RUN.includes(tail)) return true;
  return false;
}

/** True for a value that is evidently not a credential: a hash, a UUID, a version, a number, a path or a URL. */
export function isNonSecretShape(value: string): boolean {
  return (
    HASH.test(value) ||
    INTEGRITY.test(value) ||
    UUID.test(value) ||
    /^v?\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?$/.test(value) ||
    /^[\d.,:_+-]+$/.test(value) ||
    /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(value) ||
    /^[a-z][a-z0-9+.-]*:\/\/[^:@\s]*$/i.test(value)
  );
}

/** True for a password nobody would call a secret: a common default or a word people put there for development. */
export function isWeakDefault(value: string): boolean {
  return COMMON_PASSWORDS.has(value.trim().toLowerCase());
}

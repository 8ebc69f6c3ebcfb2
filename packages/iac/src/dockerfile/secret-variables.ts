import { looksLikeSecret } from '../secret-values.js';

/**
 * BuildKit's SecretsUsedInArgOrEnv names (https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/):
 * a secret word as the whole name, its first word or its last word, or between underscores.
 */
const SECRET_WORD = /(?:_|^)(?:apikey|auth|credentials?|key|password|pword|passwd|secret|token)(?:_|$)/i;
const PUBLIC_WORD = /(?:_|^)public(?:_|$)/i;
/** Names that hold where or how a secret is found, or public key material, not a secret. */
const NOT_SECRET_NAME =
  /(?:_|^)(?:FILE|PATH|DIR|URL|URI|HOST|PORT|NAME|USER|USERNAME|ENDPOINT|SERVER|TYPE|LENGTH|SIZE|TTL|TIMEOUT|HEADER|ALGORITHM|ENABLED|DISABLED|MODE|REF|ID_FILE)$|(?:^|_)(?:GPG|PGP|KEYSERVER|KEYRING|KEYS?_?URL)(?:_|$)/i;
/** Values that are not secrets whatever the name: references to a file or a secret mount, flags, numbers. */
const NOT_SECRET_VALUE = /^(?:\/\S*|true|false|yes|no|on|off|none|null|\d{1,5}|)$/i;

/**
 * Why an ARG or ENV variable carries a secret: `name` when its name says so (an ARG even without a default, since
 * build arguments are recorded in the image history), `value` when the secret rules recognise its value; undefined
 * when it does not.
 */
export function secretProblem(
  keyword: 'ARG' | 'ENV',
  name: string,
  value: string | undefined,
): 'name' | 'value' | undefined {
  const trimmed = value?.trim();
  const valueIsInert = trimmed !== undefined && NOT_SECRET_VALUE.test(trimmed);
  if (SECRET_WORD.test(name) && !PUBLIC_WORD.test(name) && !NOT_SECRET_NAME.test(name)) {
    if (keyword === 'ENV' && (trimmed === undefined || trimmed === '')) return undefined;
    if (!valueIsInert || (keyword === 'ARG' && trimmed === '')) return 'name';
  }
  if (trimmed && !valueIsInert && !/^\$\{?\w+\}?$/.test(trimmed) && looksLikeSecret(name, trimmed)) return 'value';
  return undefined;
}

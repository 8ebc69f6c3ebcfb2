/**
 * Secrets without a provider: private keys, JWTs, credentials in URLs and connection strings, HTTP
 * authorization headers, registry and docker auth, Kubernetes Secrets, and the generic `name = value` rules for
 * passwords and API keys, which lean on entropy, the decoy filters and the password check.
 */
import type { SecretRule } from '../rule.js';
import { pattern } from './build.js';

/** Quote or nothing, before and after a value. */
const Q = String.raw`["'\x60]?`;
/** What may end an unquoted value. */
const VALUE_END = String.raw`(?=["'\x60\s;,)\]}<>]|\\[nrt]|$)`;

/** Names of password fields: password, passwd, pwd, passphrase, pass (as a whole word part). */
const PASSWORD_NAMES = String.raw`(?:passw(?:or)?d|passphrase|pwd|(?<![a-z])pass(?![a-z]))`;
/** Name parts that make a password or key field something else: a length, a hint, a file, a reference. */
const NOT_A_VALUE_NAME = String.raw`(?:hint|length|len|size|min|max|policy|field|label|prompt|placeholder|reset|url|uri|endpoint|path|file|dir|type|format|pattern|regex|rule|validator|validation|hash|hashed|expir\w*|ttl|timeout|count|enabled|required|header|param|name|id|ref|env|var|mode|strength|confirm|confirmation|changed|policy|input|error|message|msg|text|title|description|help|template|version|algorithm|alg|encoding|provider|source|store|manager|generator|class|method|arg|args|flag|opt|option|options)`;

/** The names that disqualify a generic assignment, applied to the name group by the scanner's allowlist. */
const NOT_A_SECRET_NAME = new RegExp(
  String.raw`(?:^|[_.-])${NOT_A_VALUE_NAME}$|^(?:public|pub|publishable|primary|foreign|sort|partition|cache|idempotency|object|bucket|keyboard|monkey|turkey|hotkey|keycode|keyword|keypair|keystore|keychain|keyframe)`,
  'i',
);

/** What a generic secret's name holds. */
const SECRET_NAMES = String.raw`(?:secret|token|api[_.-]?key|apikey|access[_.-]?key|auth[_.-]?key|private[_.-]?key|client[_.-]?secret|credentials?|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|session[_.-]?key|app[_.-]?key|license[_.-]?key|webhook[_.-]?secret|access[_.-]?token|auth[_.-]?token|refresh[_.-]?token)`;

/** Assignment in code, configuration and XML (`<password>value</password>`, `<add key="..." value="..."/>` aside). */
// A comma counts only after a quoted name (`("password", "...")`): after a bare one it separates arguments.
const ASSIGN = String.raw`(?:["'\x60]\]?[ \t]{0,3}(?::=|=>|\|\|=|\?\?=|\?=|==?|:|<-|>)|["'\x60](?<=["'\x60][a-z0-9_.-]{1,80}["'\x60])[ \t]{0,3},|\]?[ \t]{0,3}(?::=|=>|\|\|=|\?\?=|\?=|==?|:|<-|>))[ \t]{0,5}(?:["'\x60]|\\["'])?`;

export const GENERIC_RULES: SecretRule[] = [
  pattern(
    'private-key',
    'Private key',
    String.raw`-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----(?:\s|\\[rn])*((?:[A-Za-z0-9+/=:,. -]|\s|\\[rn]){64,}?)(?:\s|\\[rn])*-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----`,
    ['-----begin'],
    {
      multiline: true,
      severity: 'critical',
      entropy: 4,
      help: 'Treat the key as compromised: revoke it, issue a new one, and keep private keys out of the repository.',
    },
  ),
  pattern(
    'putty-private-key',
    'PuTTY private key',
    String.raw`PuTTY-User-Key-File-\d: [\w-]+\r?\nEncryption: none[\s\S]{0,2000}?Private-Lines: \d+\r?\n([A-Za-z0-9+/=\r\n]{64,})`,
    ['putty-user-key-file'],
    { multiline: true, severity: 'critical', entropy: 4 },
  ),
  pattern(
    'jwt',
    'JSON Web Token',
    String.raw`(?<![\w-])(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,})(?![\w-])`,
    ['eyj'],
    {
      check: 'jwt',
      entropy: 3,
      // The example token of jwt.io and RFC 7519's example, printed in countless docs.
      allowlists: [
        {
          regexes: [
            /\.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ\./,
            /^eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9\./,
          ],
        },
      ],
    },
  ),
  pattern(
    'connection-string-password',
    'Password in a URL or connection string',
    // Starts with the literal `://` so that the regex engine skips to it; the scheme is only looked behind at.
    String.raw`(?<=\b[a-z][a-z0-9+.-]{1,30}):\/\/[^\s:@\/'"\x60<>]{0,100}:([^\s@\/'"\x60<>]{3,200})@[a-z0-9\[]`,
    ['://'],
    { check: 'password', flags: 'i' },
  ),
  pattern(
    'connection-string-parameter',
    'Password in a connection string',
    String.raw`(?:^|[;"'\s])(?:password|pwd)\s*=\s*(?:"([^"]{3,200})"|'([^']{3,200})'|([^;"'\s]{3,200}))(?=;|["'\s]|$)`,
    ['password=', 'pwd=', 'password =', 'pwd ='],
    { check: 'password', flags: 'i' },
  ),
  pattern(
    'http-basic-auth',
    'HTTP Basic credentials',
    String.raw`\bBasic[ \t]+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])`,
    ['basic '],
    { check: 'basic-credentials', flags: 'i' },
  ),
  pattern(
    'http-bearer-token',
    'HTTP bearer token',
    String.raw`\b(?:Authorization|Bearer|Token)\b["']?[ \t]*[:=]?[ \t]*["']?(?:Bearer|Token)[ \t]+([A-Za-z0-9._~+/=-]{20,})${VALUE_END}`,
    ['bearer ', 'token '],
    { entropy: 3.5, flags: 'i' },
  ),
  pattern(
    'docker-config-auth',
    'Docker registry credentials',
    String.raw`"(?:auth|identitytoken)"\s*:\s*"([A-Za-z0-9+/=._-]{8,})"`,
    ['"auth"', '"identitytoken"'],
    { check: 'basic-credentials', severity: 'critical' },
  ),
  pattern(
    'npmrc-auth-token',
    'npm registry credentials in .npmrc',
    String.raw`(?:^|:|\s)(?:_authToken|_auth|_password)\s*=\s*${Q}([^\s"'\x60$]{8,})${Q}`,
    ['_authtoken', '_auth', '_password'],
    // Elsewhere an `_authToken = ...` is a generic secret assignment.
    { entropy: 3, severity: 'critical', path: /(?:^|\/)\.?(?:npmrc|yarnrc(?:\.yml)?)$/ },
  ),
  pattern(
    'pypirc-password',
    'Package index password in .pypirc or pip configuration',
    String.raw`^\s*password\s*(?:[:=]\s*|\s+)(\S{6,})\s*$`,
    ['password'],
    { check: 'password', path: /(?:^|\/)(?:\.pypirc|pip\.conf|pip\.ini|\.netrc|_netrc)$/, flags: 'im' },
  ),
  pattern(
    'netrc-password',
    'Password in a .netrc entry',
    String.raw`\bmachine\s+\S+\s+login\s+\S+\s+password\s+(\S{6,})`,
    ['machine'],
    { check: 'password' },
  ),
  pattern(
    'curl-user-password',
    'Credentials on a curl command line',
    String.raw`\bcurl\b.*?\s(?:-u|--user)[ =]["']?[^\s:'"]{1,100}:([^\s'"@]{4,200})["']?`,
    ['curl'],
    { check: 'password' },
  ),
  pattern(
    'kubernetes-secret',
    'Kubernetes Secret value',
    String.raw`^kind:\s*Secret`,
    ['kind: secret', 'kind: "secret"', "kind: 'secret'"],
    { path: /\.(?:ya?ml)$/i, severity: 'high', extract: 'kubernetes-secret' },
  ),
  pattern(
    'generic-password',
    'Password assigned in code or configuration',
    String.raw`([a-z0-9_.-]{1,80})${ASSIGN}(?:"([^"\n]{1,200})"|'([^'\n]{1,200})'|(?<!["'\x60])([^\s"'\x60;,)\]}<]{1,200}))`,
    ['passw', 'pwd', 'pass', 'passphrase'],
    {
      secretGroup: 2,
      nameGroup: 1,
      anchor: 'name',
      requireNames: new RegExp(PASSWORD_NAMES, 'i'),
      excludeNames: NOT_A_SECRET_NAME,
      check: 'password',
      flags: 'i',
    },
  ),
  pattern(
    'generic-api-key',
    'Secret, token or API key assigned in code or configuration',
    String.raw`([a-z0-9_.-]{1,80})${ASSIGN}(?:(?<=")([^"\s]{10,300})(?=")|(?<=')([^'\s]{10,300})(?=')|([a-z0-9_+/=.~:-]{10,300})${VALUE_END})`,
    ['secret', 'token', 'key', 'credential'],
    {
      secretGroup: 2,
      nameGroup: 1,
      anchor: 'name',
      requireNames: new RegExp(SECRET_NAMES, 'i'),
      excludeNames: NOT_A_SECRET_NAME,
      entropy: 3.3,
      check: 'token',
      flags: 'i',
    },
  ),
];

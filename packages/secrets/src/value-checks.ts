/** The named checks of `SecretRule.check`, and the decoding they need. Pure functions of the value. */
import { isNonSecretShape, isPlaceholder, isWeakDefault } from './decoys.js';
import type { ValueCheck } from './rule.js';

/** What a check knows about where the value was. */
export interface ValueContext {
  /** The value was inside quotes (a string literal), not an expression. */
  quoted: boolean;
  /** The file's path, to tell code (where an unquoted value is an expression) from configuration. */
  file: string;
}

const CODE_FILE =
  /\.(?:[cm]?[jt]sx?|py|go|java|kt|kts|scala|rb|php|cs|fs|swift|rs|c|cc|cpp|h|hpp|m|dart|lua|pl|r|groovy|vue|svelte|ex|exs|clj)$/i;

/** Decodes standard or URL-safe base64, or returns undefined when `text` is not base64 of printable text. */
export function decodeBase64Text(text: string): string | undefined {
  const normalized = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(normalized) || normalized.length % 4 === 1) return undefined;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let bits = 0;
  let buffer = 0;
  const bytes: number[] = [];
  for (const char of normalized) {
    buffer = (buffer << 6) | alphabet.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
    // eslint-disable-next-line no-control-regex
    return /[\x00-\x08\x0e-\x1f]/.test(decoded) ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** A JWT: three base64url parts, the first a JSON header with `alg`. */
function isJwt(value: string): boolean {
  const [header] = value.split('.');
  const decoded = header ? decodeBase64Text(header) : undefined;
  if (!decoded) return false;
  try {
    const parsed = JSON.parse(decoded) as unknown;
    return typeof parsed === 'object' && parsed !== null && 'alg' in parsed;
  } catch {
    return false;
  }
}

/** A password worth reporting: long enough, not a default, a placeholder, a reference or an expression. */
export function isPlausiblePassword(value: string, context: ValueContext): boolean {
  if (value.length < 6 || value.length > 200 || /\s/.test(value)) return false;
  if (isWeakDefault(value) || isPlaceholder(value) || isNonSecretShape(value)) return false;
  // Unquoted in code, `password = config.db.password` or `getPassword()` is an expression, not a value.
  if (!context.quoted && CODE_FILE.test(context.file)) return false;
  if (/^[A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*)*(?:\(.*\)?)?;?$/.test(value) && /[.(]|::|->/.test(value))
    return false;
  // Words joined by separators (`my-db-password`, `not_set`) or a single lower-case word.
  if (/^[a-z]+(?:[_.-][a-z]+)*$/.test(value)) return false;
  // The start of an object, array, call or template: code, not a value.
  if (/^[{[(`]/.test(value)) return false;
  return true;
}

/** A token worth reporting from a generic `name = value`: random-looking, not a word, identifier or reference. */
export function isPlausibleToken(value: string, context: ValueContext): boolean {
  if (isWeakDefault(value) || isPlaceholder(value) || isNonSecretShape(value)) return false;
  if (!context.quoted && CODE_FILE.test(context.file)) return false;
  // Tokens are printable ASCII; translated text is not.
  if (/[^!-~]/.test(value)) return false;
  // Regular expressions and format strings: `[a-z0-9]{32}`, `\d+`, `(?:...)`.
  if (/\\[dswbDSWB.]|\[[^\]]*-[^\]]*\]|\{\d+(?:,\d*)?\}|\(\?[:<=!]/.test(value)) return false;
  // Identifiers and dotted references: settings.SECRET_KEY, MY_API_TOKEN, keyName.
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false;
  if (/^[A-Za-z_.-]+$/.test(value) && (value.length < 30 || /[a-z]{6}/.test(value))) return false;
  if (/^[A-Z0-9_]+$/.test(value) && /_/.test(value) && !/\d{3}/.test(value)) return false;
  if (!/\d/.test(value) && value.length < 20) return false;
  // Words with punctuation (`?NonNullAssertion`, `Bearer-Token-Header`): no digit and a run of lower-case letters.
  if (!/\d/.test(value) && /[a-z]{6}/.test(value)) return false;
  return true;
}

/** Base64 of `user:password` with a plausible password. */
function isBasicCredentials(value: string, context: ValueContext): boolean {
  const decoded = decodeBase64Text(value);
  if (!decoded) return false;
  const colon = decoded.indexOf(':');
  if (colon < 1) return false;
  return isPlausiblePassword(decoded.slice(colon + 1), { ...context, quoted: true });
}

/** Runs a named check. */
export function passesCheck(check: ValueCheck, value: string, context: ValueContext): boolean {
  switch (check) {
    case 'jwt':
      return isJwt(value);
    case 'basic-credentials':
      return isBasicCredentials(value, context);
    case 'password':
      return isPlausiblePassword(value, context);
    case 'token':
      return isPlausibleToken(value, context);
    default:
      throw new Error(`Unknown value check '${check as string}': expected jwt, basic-credentials, password or token`);
  }
}

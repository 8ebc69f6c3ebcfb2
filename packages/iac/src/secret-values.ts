import { DEFAULT_RULES, SecretScanner } from '@shipgate/secrets';

let scanner: SecretScanner | undefined;

/**
 * Whether the secret rules of @shipgate/secrets recognise `value`, assigned to `name`, as a credential (an AWS key,
 * a GitHub token, a connection string with a password). The scanner is built on first use.
 */
export function looksLikeSecret(name: string, value: string): boolean {
  scanner ??= new SecretScanner({ rules: DEFAULT_RULES });
  return scanner.scan('Dockerfile', `${name}="${value}"\n`).length > 0;
}

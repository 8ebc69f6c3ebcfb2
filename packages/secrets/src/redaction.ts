/**
 * The printable form of a found secret: its first characters and its length, e.g. `ghp_…(40 chars)`. Short values
 * show fewer characters (two under 16, none under 8) so that a redacted password does not give most of it away.
 */
export function redactSecret(secret: string): string {
  const shown = secret.length >= 16 ? 4 : secret.length >= 8 ? 2 : 0;
  return `${secret.slice(0, shown)}…(${secret.length} chars)`;
}

/** `text` with every one of `secrets` (longest first) replaced by its redacted form. */
export function redactAll(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of [...new Set(secrets)].sort((a, b) => b.length - a.length)) {
    if (secret.length > 0) result = result.split(secret).join(redactSecret(secret));
  }
  return result;
}

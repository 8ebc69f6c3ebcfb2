/**
 * The grammar of a version as Shipgate records and reads it (a tag, an image digest, a commit SHA). Versions
 * read from records others can write (GitHub Deployment payloads) must match it before they reach a log, a
 * command or a file. No imports: inputs tables use the pattern as plain data.
 */
export const VERSION_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,127}$';

/** What a version may hold, in words. */
export const VERSION_ALLOWED =
  'a version such as v1.4.2, an image digest or a commit SHA (up to 128 letters, digits and . _ : @ / + -)';

/** Whether `text` is a version by that grammar (no spaces, no line breaks, no shell or workflow-command syntax). */
export function isVersion(text: unknown): text is string {
  return typeof text === 'string' && new RegExp(VERSION_PATTERN).test(text);
}

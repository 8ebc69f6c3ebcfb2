/**
 * Quoting for a POSIX shell: how argv elements reach a remote host through ssh, whose command line the
 * remote login shell parses. Inside single quotes a POSIX shell expands nothing, so every value arrives as
 * exactly one argument, with its spaces, quotes, `$`, `;` and newlines intact.
 */

/** Characters that never need quoting in a POSIX shell word (no glob, expansion or operator among them). */
const SAFE = /^[\w@%+=:,./-]+$/;

/**
 * Quotes one argument for a POSIX shell: left as is when it is made only of safe characters, otherwise in
 * single quotes, with each `'` written as `'\''`. The empty string becomes `''`.
 */
export function quoteArg(arg: string): string {
  return SAFE.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Quotes every element and joins them with spaces: a command line a POSIX shell splits back into `argv`. */
export function quoteArgv(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ');
}

/**
 * File operations on a remote host as argv for `Shell.run`: fixed `sh -c` scripts that take the path as a
 * positional parameter (`"$1"`), so no path or content is ever part of the script text. Content travels on
 * stdin.
 */

/** Exit code of {@link readFileArgv} for a file that does not exist. */
export const MISSING_FILE_CODE = 44;

const READ = `if [ -e "$1" ]; then exec cat -- "$1"; else exit ${MISSING_FILE_CODE}; fi`;

// Follows a symlink so the link survives; the temporary file is created by mktemp (a unique name, O_EXCL, so a
// link planted at a predictable name cannot redirect the write); the old file is copied first (cp -p) so the new
// one keeps its mode and, for root, its owner; cat then replaces the content, and mv renames over the target.
const WRITE = [
  'set -e',
  'target=$(readlink -f -- "$1" 2>/dev/null) || target=$1',
  '[ -n "$target" ] || target=$1',
  'tmp=$(mktemp -- "$(dirname -- "$target")/.$(basename -- "$target").shipgate-XXXXXXXX")',
  `trap 'rm -f -- "$tmp"' EXIT`,
  'if [ -e "$target" ]; then cp -p -- "$target" "$tmp" 2>/dev/null || :; fi',
  'cat > "$tmp"',
  'mv -f -- "$tmp" "$target"',
].join('\n');

/** Prints the file, or exits with {@link MISSING_FILE_CODE} when it does not exist. */
export function readFileArgv(path: string): string[] {
  return ['sh', '-c', READ, 'shipgate-read', path];
}

/** Replaces the file atomically with stdin. */
export function writeFileArgv(path: string): string[] {
  return ['sh', '-c', WRITE, 'shipgate-write', path];
}

/** Removes the file; a missing file is fine. */
export function removeFileArgv(path: string): string[] {
  return ['rm', '-f', '--', path];
}

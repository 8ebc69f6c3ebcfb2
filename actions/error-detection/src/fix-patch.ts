/**
 * The fixes that can be written down, as a patch a person reviews and applies (`git apply`), never applied by
 * the action: lines appended to env files, with the commands that regenerate lockfiles in its header (text
 * before the first `diff` is ignored by git apply and patch).
 */
import type { FileEdit, FixCommand } from './check.js';

/** A file's current text (`undefined` when it does not exist) and its path as the patch names it. */
export interface PatchTarget {
  shown: string;
  text: string | undefined;
}

const CONTEXT = 3;

/** The patch, or `undefined` when there is nothing to write down. */
export function buildPatch(
  edits: readonly FileEdit[],
  commands: readonly FixCommand[],
  target: (file: string) => PatchTarget,
): string | undefined {
  const byFile = new Map<string, { lines: string[]; reasons: string[] }>();
  for (const edit of edits) {
    const entry = byFile.get(edit.file) ?? { lines: [], reasons: [] };
    for (const line of edit.append) {
      const key = line.split('=')[0];
      if (!entry.lines.some((known) => known.split('=')[0] === key)) entry.lines.push(line);
    }
    entry.reasons.push(edit.reason);
    byFile.set(edit.file, entry);
  }
  if (byFile.size === 0 && commands.length === 0) return undefined;
  const header = ['# Fixes found by Shipgate error-detection. Review, then apply with: git apply <this file>'];
  for (const entry of byFile.values()) for (const reason of entry.reasons) header.push(`#   ${reason}`);
  if (commands.length > 0) {
    header.push('# Run these too (a patch cannot hold a regenerated lockfile):');
    for (const c of commands) header.push(`#   (cd ${c.directory} && ${c.command})   # ${c.reason}`);
  }
  const diffs = [...byFile.entries()].map(([file, entry]) => diffAppend(target(file), entry.lines));
  return `${[...header, ...diffs].join('\n')}\n`;
}

/** A unified diff appending `lines` to a file (created when missing), with up to three lines of context. */
export function diffAppend(file: PatchTarget, lines: readonly string[]): string {
  const added = lines.map((line) => `+${line}`);
  if (file.text === undefined)
    return [
      `diff --git a/${file.shown} b/${file.shown}`,
      'new file mode 100644',
      '--- /dev/null',
      `+++ b/${file.shown}`,
      `@@ -0,0 +1,${lines.length} @@`,
      ...added,
    ].join('\n');
  const endsWithNewline = file.text === '' || file.text.endsWith('\n');
  const old = file.text === '' ? [] : file.text.replace(/\n$/, '').split('\n');
  const context = old.slice(Math.max(0, old.length - CONTEXT));
  const start = old.length - context.length + 1;
  const body: string[] = [];
  if (endsWithNewline || context.length === 0) {
    body.push(...context.map((line) => ` ${line}`), ...added);
  } else {
    // The last line gains its newline: it is removed and added again.
    const last = context.at(-1) as string;
    body.push(
      ...context.slice(0, -1).map((line) => ` ${line}`),
      `-${last}`,
      '\\ No newline at end of file',
      `+${last}`,
      ...added,
    );
  }
  const oldCount = context.length;
  const newCount = context.length + lines.length;
  const range = (from: number, count: number) => (count === 0 ? `${from - 1},0` : `${from},${count}`);
  return [
    `diff --git a/${file.shown} b/${file.shown}`,
    `--- a/${file.shown}`,
    `+++ b/${file.shown}`,
    `@@ -${range(start, oldCount)} +${range(start, newCount)} @@`,
    ...body,
  ].join('\n');
}

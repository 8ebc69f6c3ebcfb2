/**
 * Keeps untrusted text from being read as a workflow command. The runner reads each line of a step's stdout
 * and stderr (split at CR, LF or CRLF) as a command when, after leading whitespace is trimmed, it starts with
 * `::name ...::`, or when `##[name ...]` appears anywhere in it, for any registered name, a
 * `::stop-commands::` token included.
 */

// actions/runner src/Runner.Common/ActionCommand.cs (TryParseV2: TrimStart, then "::"; TryParse: IndexOf("##[") then "]").
const LEADING_WHITESPACE = /^[\s\u0085]*/;

/**
 * Returns `text` with every line that the runner would read as a workflow command made plain: a backslash
 * goes before a leading `::` and inside each `##[` (`\::error::x`, `##\[error]x`). Other lines are unchanged.
 */
export function neutraliseCommands(text: string): string {
  if (!text.includes('::') && !text.includes('##[')) return text;
  return text
    .split(/(\r\n|\r|\n)/)
    .map(neutraliseLine)
    .join('');
}

/** One line (or a line break, left as it is). Linear in its length: the text may be large and hostile. */
function neutraliseLine(line: string): string {
  const indent = LEADING_WHITESPACE.exec(line)?.[0].length ?? 0;
  let plain =
    line.startsWith('::', indent) && line.indexOf('::', indent + 2) >= 0
      ? `${line.slice(0, indent)}\\${line.slice(indent)}`
      : line;
  const legacy = plain.indexOf('##[');
  if (legacy >= 0 && plain.indexOf(']', legacy) >= 0) plain = plain.replaceAll('##[', '##\\[');
  return plain;
}

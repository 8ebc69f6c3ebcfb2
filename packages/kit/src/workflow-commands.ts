/**
 * Keeps untrusted text from being read as a workflow command. The runner reads each line of a step's stdout
 * and stderr (split at CR, LF or CRLF) as a command when, after leading whitespace is trimmed, it starts with
 * `::name ...::`, or when `##[name ...]` appears anywhere in it, for any registered name, a
 * `::stop-commands::` token included.
 */

// actions/runner src/Runner.Common/ActionCommand.cs (TryParseV2: TrimStart, then "::"; TryParse: IndexOf("##[") then "]").
const COMMAND_LINE = /^([\s\u0085]*)(::[^]*::)/;
const LEGACY_COMMAND = /##\[[^]*\]/;

/**
 * Returns `text` with every line that the runner would read as a workflow command made plain: a backslash
 * goes before a leading `::` and inside each `##[` (`\::error::x`, `##\[error]x`). Other lines are unchanged.
 */
export function neutraliseCommands(text: string): string {
  if (!text.includes('::') && !text.includes('##[')) return text;
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part) => {
      let line = part.replace(COMMAND_LINE, '$1\\$2');
      if (LEGACY_COMMAND.test(line)) line = line.replaceAll('##[', '##\\[');
      return line;
    })
    .join('');
}

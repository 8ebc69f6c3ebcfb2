/**
 * Command lines from action inputs (`nginx-reload-command: sudo nginx -s reload`), split into argv the way a
 * POSIX shell splits words, but with nothing expanded: no variables, globs, pipes or redirections. Templated
 * values (`{weight}`) are substituted into the argv afterwards, so a value can never become a new argument,
 * let alone a command.
 */
import { InputError } from './errors.js';

const HINT =
  'Shipgate runs commands without a shell, so that templated values can never run anything. Put pipes, ' +
  'redirections and variables in a script and call the script; quote the character if you meant it literally.';

/** Characters that are shell syntax outside quotes, and what a shell would make of them. */
const OPERATORS: Record<string, string> = {
  '|': 'a pipe',
  ';': 'a command separator',
  '&': "'&' (a background job or '&&')",
  '<': 'a redirection',
  '>': 'a redirection',
  '(': 'a subshell',
  ')': 'a subshell',
  '`': 'command substitution',
};

/** `$` starts an expansion when one of these follows it. */
const EXPANSION_START = /[A-Za-z0-9_{(@*#?!$-]/;

function syntaxError(input: string, text: string, what: string, char: string, index: number): InputError {
  return new InputError(
    input,
    text,
    `a command and its arguments without shell syntax, but '${char}' at column ${index + 1} is ${what}`,
    { hint: HINT },
  );
}

/**
 * Splits a command line into argv. Words are separated by unquoted blanks; `'single'` quotes keep everything
 * literally, `"double"` quotes keep everything but `\"`, `\\`, `` \` `` and `\$`, and an unquoted backslash
 * keeps the next character.
 * @param input The input name, for the error (`set-weight-command`).
 * @throws InputError for an empty command, an unterminated quote, or shell syntax that would need a shell
 *   (`|`, `;`, `&`, `<`, `>`, `(`, `)`, `` ` ``, `$name`, a leading `#` or `~`).
 */
export function parseCommandLine(text: string, input = 'command'): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const fail = (what: string) => syntaxError(input, text, what, text[i] ?? '', i);
  const checkDollar = () => {
    if (EXPANSION_START.test(text[i + 1] ?? '')) throw fail('a variable or command expansion');
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0)
        throw new InputError(
          input,
          text,
          `a command line with balanced quotes, but the ' at column ${i + 1} is never closed`,
          { hint: HINT },
        );
      word = (word ?? '') + text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      const start = i;
      word ??= '';
      for (i++; ; i++) {
        const d = text[i];
        if (d === undefined)
          throw new InputError(
            input,
            text,
            `a command line with balanced quotes, but the " at column ${start + 1} is never closed`,
            { hint: HINT },
          );
        if (d === '"') break;
        if (d === '`') throw fail('command substitution');
        if (d === '$') checkDollar();
        if (d === '\\' && /["\\`$\n]/.test(text[i + 1] ?? '')) {
          i++;
          if (text[i] !== '\n') word += text[i];
        } else {
          word += d;
        }
      }
      i++;
    } else if (c === '\\') {
      const next = text[i + 1];
      if (next === undefined)
        throw new InputError(input, text, 'a command line that does not end with a lone backslash', { hint: HINT });
      if (next !== '\n') word = (word ?? '') + next;
      i += 2;
    } else {
      const operator = OPERATORS[c];
      if (operator) throw fail(operator);
      if (c === '$') checkDollar();
      if (word === undefined && c === '#') throw fail('the start of a comment');
      if (word === undefined && c === '~') throw fail('a home directory a shell would expand (give the full path)');
      word = (word ?? '') + c;
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  if (words.length === 0)
    throw new InputError(input, text.trim() === '' ? undefined : text, 'a command and its arguments');
  return words;
}

/** `{name}` placeholders: a letter, then letters, digits, `_` or `-`. */
const PLACEHOLDER = /\{([A-Za-z][\w-]*)\}/g;

/**
 * Substitutes `{name}` placeholders inside each argv element with `values[name]`, in one pass: a value that
 * itself contains `{stage}` stays as it is, and every element stays exactly one argument whatever the value
 * holds (spaces, quotes, `;`, `$(...)`). Placeholders without a value are left as written, so literal braces
 * (`jsonpath={end}`) pass through.
 */
export function renderArgv(argv: readonly string[], values: Readonly<Record<string, string>>): string[] {
  return argv.map((arg) =>
    arg.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(values, name) ? (values[name] as string) : whole)),
  );
}

/** The distinct placeholder names used in `argv`, in order of first use. */
export function placeholdersIn(argv: readonly string[]): string[] {
  return [...new Set(argv.flatMap((arg) => [...arg.matchAll(PLACEHOLDER)].map((m) => m[1] as string)))];
}

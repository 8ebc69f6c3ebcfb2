/**
 * Reads an env file the way Docker Compose and the dotenv libraries do: `KEY=value`, `export KEY=value`, `#`
 * comments, single quotes and backticks (literal), double quotes (escapes), quoted values spanning lines, unquoted
 * values (a ` #` starts a comment). Every entry keeps its line; problems (malformed lines, duplicate keys, spaces
 * around `=`) are reported with their positions rather than thrown, so one bad line does not hide the others.
 */

export interface DotenvEntry {
  key: string;
  value: string;
  /** 1-based line and column of the key. */
  line: number;
  column: number;
}

export interface DotenvProblem {
  rule: 'env/malformed-line' | 'env/duplicate-key' | 'env/spaces-around-equals';
  line: number;
  column: number;
  message: string;
}

export interface Dotenv {
  entries: DotenvEntry[];
  problems: DotenvProblem[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Parses an env file; the last of duplicate keys wins, as in Compose. */
export function parseDotenv(text: string): Dotenv {
  const lines = text.split(/\r?\n/);
  const entries: DotenvEntry[] = [];
  const problems: DotenvProblem[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = i + 1;
    const indent = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body === '' || body.startsWith('#')) continue;
    const exported = /^export\s+/.exec(body)?.[0].length ?? 0;
    const rest = body.slice(exported);
    const equals = rest.indexOf('=');
    const column = indent + exported + 1;
    if (equals < 0) {
      problems.push({
        rule: 'env/malformed-line',
        line,
        column,
        message: `line ${line} is not KEY=value${KEY.test(rest) ? `: write ${rest}= for an empty value` : ''}`,
      });
      continue;
    }
    const written = rest.slice(0, equals);
    const key = written.trim();
    if (!KEY.test(key)) {
      problems.push({
        rule: 'env/malformed-line',
        line,
        column,
        message: `"${key.slice(0, 40)}" is not a variable name (letters, digits and _, not starting with a digit)`,
      });
      continue;
    }
    let valueText = rest.slice(equals + 1);
    // `KEY= # comment` and trailing blanks are an empty value, as every reader takes them.
    if (written !== key || /^[ \t]+(?!#|[ \t]*$)/.test(valueText)) {
      problems.push({
        rule: 'env/spaces-around-equals',
        line,
        column,
        message: `spaces around = in ${key}: some readers keep them in the name or the value; write ${key}=value`,
      });
      valueText = valueText.trimStart();
    }
    if (/^[ \t]+#/.test(valueText)) valueText = '';
    let value: string;
    const quote = valueText[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      let closing = findClosing(valueText, quote, 1);
      let joined = valueText;
      // A quoted value may continue on the next lines (a PEM certificate, a JSON document).
      while (closing < 0 && i + 1 < lines.length) {
        i++;
        joined += `\n${lines[i] ?? ''}`;
        closing = findClosing(joined, quote, 1);
      }
      if (closing < 0) {
        i = line - 1; // only the opening line is wrong: read the lines after it again
        problems.push({
          rule: 'env/malformed-line',
          line,
          column,
          message: `the value of ${key} has no closing ${quote}`,
        });
        continue;
      }
      value = joined.slice(1, closing);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\(["\\$])/g, '$1');
    } else {
      value = valueText.replace(/\s+#.*$/, '').trim();
    }
    const previous = seen.get(key);
    if (previous !== undefined)
      problems.push({
        rule: 'env/duplicate-key',
        line,
        column,
        message: `${key} is set again (first on line ${previous}): the later value silently wins; keep one`,
      });
    else seen.set(key, line);
    entries.push({ key, value, line, column });
  }
  return { entries, problems };
}

function findClosing(text: string, quote: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/** The values by key (the last wins). */
export function valuesOf(dotenv: Dotenv): Map<string, string> {
  return new Map(dotenv.entries.map((entry) => [entry.key, entry.value]));
}

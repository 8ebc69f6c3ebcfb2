/**
 * Translation of Go (RE2) regular expressions, as written in `.gitleaks.toml`, into JavaScript ones. RE2 and
 * JavaScript agree on most syntax; the differences handled here are inline flags (`(?i)` anywhere, which
 * JavaScript only has as `(?i:...)` groups), `(?P<name>`, `\z`, `\A` and POSIX classes. What cannot be
 * translated is reported with the reason, never silently changed.
 */

export type GoRegexTranslation = { ok: true; source: string; flags: string } | { ok: false; reason: string };

const POSIX: Readonly<Record<string, string>> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: ' \\t',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: 'A-Za-z0-9_',
  xdigit: '0-9A-Fa-f',
};

/** Translates `source`; JavaScript flags are `i` and `s` when the expression starts with them. */
export function translateGoRegex(source: string): GoRegexTranslation {
  if (/\\[QE]/.test(source)) return { ok: false, reason: '\\Q...\\E literal quoting has no JavaScript equivalent' };
  if (/\\[pP]/.test(source)) return { ok: false, reason: 'Unicode classes (\\p) are not translated' };
  if (/\(\?[a-zA-Z-]*[mU]/.test(source)) return { ok: false, reason: 'the m and U inline flags are not translated' };

  let flags = '';
  let rest = source;
  const leading = /^\(\?([is]+)\)/.exec(rest);
  if (leading) {
    flags = [...new Set(leading[1])].sort().join('');
    rest = rest.slice(leading[0].length);
  }

  let out = '';
  // For each open group, the `(?flags:` wrappers its inline flags opened (closed with the group).
  const wrappers: string[][] = [[]];
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const char = rest[i]!;
    if (char === '\\') {
      const next = rest[i + 1] ?? '';
      if (!inClass && next === 'z') out += '$';
      else if (!inClass && next === 'A') out += '^';
      else out += char + next;
      i++;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(rest.slice(i));
      if (posix) {
        const range = POSIX[posix[2]!];
        if (!range || posix[1])
          return { ok: false, reason: `POSIX class [:${posix[1]}${posix[2]}:] is not translated` };
        out += range;
        i += posix[0].length - 1;
        continue;
      }
      if (char === ']') inClass = false;
      out += char;
      continue;
    }
    if (char === '[') {
      inClass = true;
      out += char;
      if (rest[i + 1] === '^') out += rest[++i];
      if (rest[i + 1] === ']') out += '\\' + rest[++i];
      continue;
    }
    if (char === '(') {
      const inline = /^\(\?(-?[is]+|[is]+-[is]+)\)/.exec(rest.slice(i));
      if (inline) {
        out += `(?${inline[1]}:`;
        wrappers.at(-1)!.push(inline[1]!);
        i += inline[0].length - 1;
        continue;
      }
      if (rest.startsWith('(?P<', i)) {
        out += '(?<';
        i += 3;
      } else out += char;
      wrappers.push([]);
      continue;
    }
    if (char === ')') {
      out += ')'.repeat(wrappers.pop()?.length ?? 0);
      out += char;
      continue;
    }
    if (char === '|' && wrappers.at(-1)!.length > 0) {
      // An inline flag holds to the end of its group, across alternatives: close the wrappers, reopen them after.
      const open = wrappers.at(-1)!;
      out += `${')'.repeat(open.length)}|${open.map((f) => `(?${f}:`).join('')}`;
      continue;
    }
    out += char;
  }
  out += ')'.repeat(wrappers.pop()?.length ?? 0);
  try {
    new RegExp(out, `g${flags}`);
  } catch (error) {
    return {
      ok: false,
      reason: `not a valid JavaScript regular expression after translation: ${(error as Error).message}`,
    };
  }
  return { ok: true, source: out, flags };
}

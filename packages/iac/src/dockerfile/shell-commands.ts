/**
 * The simple commands of a RUN instruction's shell script, enough to judge what a RUN does (which programs it
 * runs with which words): quotes, escapes, `&&`, `||`, `|`, `;`, `&`, newlines, subshells `( ... )`, comments,
 * and `$( ... )` or backticks kept inside their word. `sh -c '...'` is read through.
 */

/** One simple command: its words with quotes removed, leading `VAR=value` assignments and `sudo` dropped. */
export interface ShellCommand {
  /** The program first, then its arguments. */
  words: string[];
  /** Inside `( ... )`: a `cd` there does not change the directory of later commands. */
  subshell: boolean;
}

const WRAPPERS = new Set(['sudo', 'env', 'command', 'exec', 'time', 'nice', 'nohup', 'builtin']);
const SHELLS = new Set([
  'sh',
  'bash',
  'dash',
  'ash',
  'zsh',
  '/bin/sh',
  '/bin/bash',
  '/bin/dash',
  '/bin/ash',
  '/usr/bin/env',
]);

/** The commands of `script` in order. */
export function shellCommands(script: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  for (const raw of tokenize(script)) {
    const words = unwrap(raw.words);
    if (words.length === 0) continue;
    const program = words[0]!;
    const c = words.indexOf('-c');
    if (SHELLS.has(program) && c !== -1 && words[c + 1] !== undefined) {
      for (const inner of shellCommands(words[c + 1]!)) commands.push({ ...inner, subshell: true });
      continue;
    }
    commands.push({ words, subshell: raw.subshell });
  }
  return commands;
}

function unwrap(words: string[]): string[] {
  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) i++;
    else if (WRAPPERS.has(word)) {
      i++;
      while (i < words.length && words[i]!.startsWith('-')) i++;
    } else break;
  }
  return words.slice(i);
}

interface RawCommand {
  words: string[];
  subshell: boolean;
}

function tokenize(script: string): RawCommand[] {
  const commands: RawCommand[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let depth = 0;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push({ words, subshell: depth > 0 });
    words = [];
  };
  let i = 0;
  while (i < script.length) {
    const ch = script[i]!;
    if (ch === '\\') {
      if (script[i + 1] === '\n') i += 2;
      else {
        word += script[i + 1] ?? '';
        inWord = true;
        i += 2;
      }
    } else if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      const stop = end === -1 ? script.length : end;
      word += script.slice(i + 1, stop);
      inWord = true;
      i = stop + 1;
    } else if (ch === '"') {
      i++;
      while (i < script.length && script[i] !== '"') {
        if (script[i] === '\\' && i + 1 < script.length && '"\\$`\n'.includes(script[i + 1]!)) {
          if (script[i + 1] !== '\n') word += script[i + 1];
          i += 2;
        } else word += script[i++];
      }
      inWord = true;
      i++;
    } else if (ch === '$' && script[i + 1] === '(') {
      const end = matchingParen(script, i + 1);
      word += script.slice(i, end + 1);
      inWord = true;
      i = end + 1;
    } else if (ch === '`') {
      const end = script.indexOf('`', i + 1);
      const stop = end === -1 ? script.length : end;
      word += script.slice(i, stop + 1);
      inWord = true;
      i = stop + 1;
    } else if (ch === '#' && !inWord) {
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end;
    } else if (ch === ' ' || ch === '\t') {
      endWord();
      i++;
    } else if (ch === '\n' || ch === ';' || ch === '&' || ch === '|') {
      endCommand();
      i += (ch === '&' || ch === '|') && script[i + 1] === ch ? 2 : 1;
    } else if (ch === '(' && !inWord && words.length === 0) {
      depth++;
      i++;
    } else if (ch === ')' && depth > 0) {
      endCommand();
      depth--;
      i++;
    } else if ((ch === '{' || ch === '}') && !inWord && words.length === 0 && /[\s;]/.test(script[i + 1] ?? ' ')) {
      // A brace group runs in the current shell: its braces are not words.
      i++;
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  endCommand();
  return commands;
}

function matchingParen(script: string, open: number): number {
  let depth = 0;
  for (let i = open; i < script.length; i++) {
    if (script[i] === '(') depth++;
    else if (script[i] === ')' && --depth === 0) return i;
  }
  return script.length - 1;
}

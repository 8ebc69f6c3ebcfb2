import type { ActionMeta } from '@shipgate/local-runner';

/** Terminal styling, off when the output is not a terminal or NO_COLOR is set. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

export function createStyle(enabled: boolean): Style {
  const wrap = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39) };
}

/**
 * Turns a step's stdout into readable terminal lines, as the runner's log viewer would: masks applied,
 * annotations marked, debug lines shown only with --debug, protocol commands hidden.
 */
export class LogRenderer {
  private readonly masks: string[] = [];
  private partial = '';

  constructor(private readonly style: Style, private readonly debug: boolean, private readonly print: (line: string) => void) {}

  /** Feeds a chunk of stdout; complete lines are printed. */
  write(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  /** Prints whatever is left without a newline. */
  end(): void {
    if (this.partial) this.line(this.partial);
    this.partial = '';
  }

  private line(raw: string): void {
    const match = /^::([a-zA-Z-]+)(?: ([^:]*))?::(.*)$/.exec(raw);
    if (!match) {
      this.print(this.mask(raw));
      return;
    }
    const [, command = '', props = '', data = ''] = match;
    const text = this.mask(unescape(data));
    switch (command) {
      case 'add-mask':
        this.masks.push(unescape(data));
        return;
      case 'debug':
        if (this.debug) this.print(this.style.dim(`debug: ${text}`));
        return;
      case 'error':
      case 'warning':
      case 'notice': {
        const where = location(props);
        const title = /(?:^|,)title=([^,]*)/.exec(props)?.[1];
        const label = command === 'error' ? this.style.red('error') : command === 'warning' ? this.style.yellow('warning') : 'notice';
        this.print(`${label}: ${where ? `${where}: ` : ''}${title ? `${this.mask(unescape(title))}: ` : ''}${text}`);
        return;
      }
      case 'group':
        this.print(this.style.bold(`▸ ${text}`));
        return;
      default:
        return;
    }
  }

  private mask(text: string): string {
    let result = text;
    for (const value of [...this.masks].sort((a, b) => b.length - a.length)) if (value) result = result.split(value).join('***');
    return result;
  }
}

function unescape(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

function location(props: string): string {
  const p = Object.fromEntries(props.split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
  if (!p.file) return '';
  return `${unescape(p.file)}${p.line ? `:${p.line}${p.col ? `:${p.col}` : ''}` : ''}`;
}

/** Renders a job summary (GitHub-flavoured Markdown) for a terminal: aligned tables, plain headings. */
export function renderMarkdown(markdown: string, style: Style): string {
  const out: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('|')) {
      const rows: string[][] = [];
      for (; i < lines.length && (lines[i] ?? '').startsWith('|'); i++) rows.push(splitRow(lines[i] ?? ''));
      i--;
      out.push(...renderTable(rows.filter((row) => !row.every((c) => /^:?-+:?$/.test(c))), style));
      continue;
    }
    const heading = /^(#{1,6}) (.*)$/.exec(line);
    if (heading) {
      out.push(style.bold(unescapeMarkdown(heading[2] ?? '')));
      continue;
    }
    const details = /^<details><summary>(.*)<\/summary>$/.exec(line);
    if (details) {
      out.push(style.bold(`▸ ${(details[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')}`));
      continue;
    }
    if (line === '```mermaid') {
      // A chart: the terminal cannot draw it; the job summary on GitHub does.
      while (i + 1 < lines.length && lines[i + 1] !== '```') i++;
      i++;
      out.push(style.dim('(chart: see the job summary on GitHub)'));
      continue;
    }
    if (line === '</details>' || /^(```|~~~~)/.test(line)) continue;
    out.push(unescapeMarkdown(line.replace(/^- /, '• ')));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function splitRow(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  for (let i = 1; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && i + 1 < line.length) {
      current += ch + line[++i];
    } else if (ch === '|') {
      cells.push(unescapeMarkdown(current.trim()));
      current = '';
    } else {
      current += ch;
    }
  }
  return cells;
}

function renderTable(rows: string[][], style: Style): string[] {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, [...cell].length)), []);
  return rows.map((row, r) => {
    const text = row.map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - [...cell].length)).join('  ').trimEnd();
    return r === 0 ? style.bold(text) : text;
  });
}

function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}[\]<>#|~])/g, '$1');
}

/** `shipgate --help`. */
export function renderHelp(actions: readonly ActionMeta[], style: Style): string {
  const width = Math.max(0, ...actions.map((a) => a.dir.split('/').pop()?.length ?? 0));
  return [
    style.bold('shipgate: run Shipgate actions locally, with the same code as on GitHub'),
    '',
    'Usage:',
    '  shipgate <action> [--<input> <value> ...] [--debug]',
    '  shipgate <action> --help        list the action\'s inputs and outputs',
    '  shipgate <path-to-action-dir>   run any JavaScript action that has an action.yml',
    '',
    'Inputs come from the flags first, then from .github/shipgate.yml in the current directory.',
    '',
    style.bold('Actions:'),
    ...(actions.length
      ? actions.map((a) => `  ${(a.dir.split('/').pop() ?? '').padEnd(width)}  ${a.description}`)
      : ['  (none in this version: the actions arrive one by one; see the README)']),
  ].join('\n');
}

/** `shipgate <action> --help`, from its action.yml. */
export function renderActionHelp(action: ActionMeta, style: Style): string {
  const name = action.dir.split('/').pop() ?? action.name;
  const inputLines = action.inputs.map((i) => {
    const tags = [i.required ? 'required' : undefined, i.default !== undefined && i.default !== '' ? `default: ${i.default}` : undefined].filter(Boolean);
    return `  --${i.name}${tags.length ? ` (${tags.join(', ')})` : ''}\n      ${i.description.replace(/\s*\n\s*/g, ' ')}`;
  });
  const outputLines = action.outputs.map((o) => `  ${o.name}: ${o.description.replace(/\s*\n\s*/g, ' ')}`);
  return [style.bold(`${action.name}`), action.description, '', `Usage: shipgate ${name} [--<input> <value> ...]`, '', style.bold('Inputs:'), ...(inputLines.length ? inputLines : ['  (none)']), '', style.bold('Outputs:'), ...(outputLines.length ? outputLines : ['  (none)'])].join('\n');
}

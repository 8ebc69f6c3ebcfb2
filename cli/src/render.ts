import type { ActionMeta, StepLine } from '@shipgate/local-runner';
import { CLI_FLAGS } from './args.js';
import { envNameOf } from './input-sources.js';

/** Terminal styling, off when the output is not a terminal or NO_COLOR is set. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

export function createStyle(enabled: boolean): Style {
  const wrap = (open: number, close: number) => (text: string) =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39) };
}

/**
 * Renders one line of a step's output, already read (and masked) by the local runner's protocol parser, as the
 * runner's log viewer shows it: annotations marked, groups as headings, debug lines only with --debug, other
 * protocol commands hidden. Returns `undefined` for a line that shows nothing.
 */
export function renderLine(line: StepLine, style: Style, debug: boolean): string | undefined {
  if (line.kind === 'text') return line.text;
  const { command, properties: p, data } = line.command;
  switch (command) {
    case 'debug':
      return debug ? style.dim(`debug: ${data}`) : undefined;
    case 'error':
    case 'warning':
    case 'notice': {
      const label =
        command === 'error' ? style.red('error') : command === 'warning' ? style.yellow('warning') : 'notice';
      const where = p.file ? `${p.file}${p.line ? `:${p.line}${p.col ? `:${p.col}` : ''}` : ''}: ` : '';
      return `${label}: ${where}${p.title ? `${p.title}: ` : ''}${data}`;
    }
    case 'group':
      return style.bold(`▸ ${data}`);
    default:
      return undefined;
  }
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
      out.push(
        ...renderTable(
          rows.filter((row) => !row.every((c) => /^:?-+:?$/.test(c))),
          style,
        ),
      );
      continue;
    }
    const heading = /^(#{1,6}) (.*)$/.exec(line);
    if (heading) {
      out.push(style.bold(unescapeMarkdown(heading[2] ?? '')));
      continue;
    }
    const details = /^<details><summary>(.*)<\/summary>$/.exec(line);
    if (details) {
      out.push(
        style.bold(`▸ ${(details[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')}`),
      );
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
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
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
    const text = row
      .map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - [...cell].length))
      .join('  ')
      .trimEnd();
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
    '  shipgate <action> [--<input> <value> ...] [--input-file <file>] [--json] [--debug]',
    "  shipgate <action> --help        list the action's inputs and outputs",
    '  shipgate <path-to-action-dir>   run any JavaScript action that has an action.yml',
    '',
    style.bold('Inputs:'),
    '  --<input> <value>, --<input>=<value>',
    '      Every input takes a value, booleans too: --emergency true. A value that starts with - needs the = form.',
    '  --input-file <file>',
    "      A YAML file of 'name: value' lines (use | for a multi-line value); values are taken as written.",
    `  ${envNameOf('<input>')}`,
    `      The environment: ${envNameOf('token')}, ${envNameOf('base-url')} (upper case, - as _).`,
    '  Flags win over the file, the file over the environment: keep secrets out of your shell history with',
    '  the file or the environment. The action then applies .github/shipgate.yml in the current directory.',
    '',
    style.bold('Options:'),
    '  --json    print one JSON object on stdout: {"action", "conclusion", "outputs", "report"} (the parsed',
    '            report when the action sets a report output); the log and summary go to stderr',
    '  --debug   show debug lines',
    '',
    style.bold('The job:'),
    '  ${{ github.token }} in an action.yml default is GITHUB_TOKEN, else GH_TOKEN, from the environment (empty',
    '  without either); a default with any other ${{ }} expression must be given a value.',
    "  The repository is GITHUB_REPOSITORY, else the 'origin' remote of the git repository here when it is on",
    '  GitHub, else unset. The job runs in a temporary folder that is removed after the run.',
    '  Ctrl-C cancels the step as GitHub does (SIGINT, then SIGTERM and SIGKILL) and still runs the post step;',
    '  a second Ctrl-C kills at once.',
    '  Exit status: 0 success, 1 the action failed, 2 usage error, 130 interrupted (143 on SIGTERM).',
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
    const tags = [
      i.required ? 'required' : undefined,
      i.default !== undefined && i.default !== '' ? `default: ${i.default}` : undefined,
      i.default?.includes('github.token') ? 'here: GITHUB_TOKEN or GH_TOKEN' : undefined,
    ].filter(Boolean);
    const flag = (CLI_FLAGS as readonly string[]).includes(i.name)
      ? `${envNameOf(i.name)} or --input-file only`
      : `--${i.name}`;
    return `  ${flag}${tags.length ? ` (${tags.join(', ')})` : ''}\n      ${i.description.replace(/\s*\n\s*/g, ' ')}`;
  });
  const outputLines = action.outputs.map((o) => `  ${o.name}: ${o.description.replace(/\s*\n\s*/g, ' ')}`);
  const example = action.inputs[0]?.name ?? 'name';
  return [
    style.bold(`${action.name}`),
    action.description,
    '',
    `Usage: shipgate ${name} [--<input> <value> ...] [--input-file <file>] [--json] [--debug]`,
    `Each input can also come from --input-file ('${example}: value') or the environment (${envNameOf(example)}).`,
    '',
    style.bold('Inputs:'),
    ...(inputLines.length ? inputLines : ['  (none)']),
    '',
    style.bold('Outputs:'),
    ...(outputLines.length ? outputLines : ['  (none)']),
  ].join('\n');
}

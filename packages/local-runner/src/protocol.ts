/**
 * Parsers for what an action says to the runner: file commands (`GITHUB_OUTPUT`, `GITHUB_STATE`, `GITHUB_ENV`,
 * in both the `name=value` and the heredoc forms) and workflow commands on stdout (`::error file=a::msg`).
 * https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions
 */
export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
}

/** An annotation as the runner would show it. */
export interface ParsedAnnotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
}

/** Parses a file-command file into name → value. Later entries win, as on the runner. */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc;
      const end = lines.indexOf(delimiter, i + 1);
      if (end === -1) throw new Error(`Unterminated heredoc for '${name}' (delimiter ${delimiter})`);
      result[name] = lines.slice(i + 1, end).join('\n');
      i = end;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`Invalid file command line: ${JSON.stringify(line)}`);
    result[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return result;
}

/** Extracts the workflow commands from a step's stdout. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::([a-zA-Z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const [, command = '', props = '', data = ''] = match;
    const properties: Record<string, string> = {};
    for (const pair of props.split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    commands.push({ command, properties, data: unescapeData(data) });
  }
  return commands;
}

/** The annotations among the commands. */
export function toAnnotations(commands: readonly WorkflowCommand[]): ParsedAnnotation[] {
  return commands
    .filter((c): c is WorkflowCommand & { command: ParsedAnnotation['level'] } => ['error', 'warning', 'notice'].includes(c.command))
    .map((c) => {
      const p = c.properties;
      const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
      const annotation: ParsedAnnotation = { level: c.command, message: c.data };
      if (p.title !== undefined) annotation.title = p.title;
      if (p.file !== undefined) annotation.file = p.file;
      if (p.line !== undefined) annotation.line = num(p.line);
      if (p.endLine !== undefined) annotation.endLine = num(p.endLine);
      if (p.col !== undefined) annotation.col = num(p.col);
      if (p.endColumn !== undefined) annotation.endColumn = num(p.endColumn);
      return annotation;
    });
}

/**
 * The log as the runner shows it: each line with every value masked so far (by `::add-mask::` on an earlier
 * line) replaced by `***`. A secret printed before its mask was registered stays visible, as on GitHub.
 */
export function maskLog(stdout: string): { log: string; masked: string[] } {
  const masked: string[] = [];
  const out: string[] = [];
  for (const line of stdout.split('\n')) {
    const mask = /^::add-mask::(.*)$/.exec(line);
    if (mask) {
      masked.push(unescapeData(mask[1] ?? ''));
      continue;
    }
    let shown = line;
    for (const value of [...masked].sort((a, b) => b.length - a.length)) if (value) shown = shown.split(value).join('***');
    out.push(shown);
  }
  return { log: out.join('\n'), masked };
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return text.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/**
 * The one parser of what an action says to the runner: file commands (`GITHUB_OUTPUT`, `GITHUB_STATE`,
 * `GITHUB_ENV`, in both the `name=value` and the heredoc forms), workflow commands on stdout
 * (`::error file=a::msg`) and masking (`::add-mask::`). The test harness and the CLI both read steps through it.
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

/** Parses one line of output: the workflow command it holds, or `undefined` for plain text. */
export function parseWorkflowCommand(line: string): WorkflowCommand | undefined {
  const match = /^::([a-zA-Z-]+)(?: ([^:]*))?::(.*)$/.exec(line.replace(/\r$/, ''));
  if (!match) return undefined;
  const [, command = '', props = '', data = ''] = match;
  const properties: Record<string, string> = {};
  for (const pair of props.split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
  }
  return { command, properties, data: unescapeData(data) };
}

/** Extracts the workflow commands from a step's stdout. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  return stdout.split('\n').flatMap((line) => parseWorkflowCommand(line) ?? []);
}

/** The annotations among the commands. */
export function toAnnotations(commands: readonly WorkflowCommand[]): ParsedAnnotation[] {
  return commands
    .filter((c): c is WorkflowCommand & { command: ParsedAnnotation['level'] } =>
      ['error', 'warning', 'notice'].includes(c.command),
    )
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

/** Replaces every occurrence of each value with `***`, longest value first (as the runner's masker does). */
export function maskText(text: string, values: readonly string[]): string {
  let result = text;
  for (const value of [...values].sort((a, b) => b.length - a.length))
    if (value) result = result.split(value).join('***');
  return result;
}

/** One line of a step's output as the runner reads it: plain text, or a workflow command. */
export type StepLine = { kind: 'text'; text: string } | { kind: 'command'; command: WorkflowCommand };

/**
 * Reads a step's output stream line by line, as the runner does: `::add-mask::` registers a value (into `masks`,
 * which several streams may share), and every later line is masked: the text of plain lines, and the data and
 * properties of commands. `onLine` receives each complete line; the `add-mask` command itself is passed unmasked.
 */
export class StepOutputReader {
  private partial = '';

  /**
   * @param masks the values masked so far; shared and appended to
   * @param onLine called with each line
   */
  constructor(
    readonly masks: string[],
    private readonly onLine: (line: StepLine) => void,
  ) {}

  /** Feeds a chunk; complete lines are read. */
  write(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.read(line);
  }

  /** Reads what is left after the last newline. */
  end(): void {
    if (this.partial) this.read(this.partial);
    this.partial = '';
  }

  private read(raw: string): void {
    const command = parseWorkflowCommand(raw);
    if (!command) {
      this.onLine({ kind: 'text', text: maskText(raw.replace(/\r$/, ''), this.masks) });
    } else if (command.command === 'add-mask') {
      this.masks.push(command.data);
      this.onLine({ kind: 'command', command });
    } else {
      const properties = Object.fromEntries(
        Object.entries(command.properties).map(([k, v]) => [k, maskText(v, this.masks)]),
      );
      this.onLine({
        kind: 'command',
        command: { command: command.command, properties, data: maskText(command.data, this.masks) },
      });
    }
  }
}

/**
 * The log as the runner shows it: each line with every value masked so far (`initial`, the job's secrets, and
 * each `::add-mask::` on an earlier line) replaced by `***`. A secret printed before its mask was registered stays
 * visible, as on GitHub. `masked` lists the values registered with `::add-mask::`.
 */
export function maskLog(stdout: string, initial: readonly string[] = []): { log: string; masked: string[] } {
  const masked: string[] = [];
  const out: string[] = [];
  for (const line of stdout.split('\n')) {
    const command = parseWorkflowCommand(line);
    if (command?.command === 'add-mask') {
      masked.push(command.data);
      continue;
    }
    out.push(maskText(line, [...initial, ...masked]));
  }
  return { log: out.join('\n'), masked };
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return text
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%25/g, '%');
}

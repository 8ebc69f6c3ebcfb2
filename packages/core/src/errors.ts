/**
 * The typed error family. Expected outcomes (a failed probe, an unhealthy canary) are results, not errors;
 * these are for things that went wrong. Every error carries a message that says what happened and, where we
 * know it, a `hint` that says what to do. `runAction` prints both, without a stack trace.
 */
export class ShipgateError extends Error {
  /** What the user can do about it, printed on its own line after the message. */
  readonly hint: string | undefined;

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** Where an input value came from: the step's `with:` block or a key of `.github/shipgate.yml`. */
export interface InputOrigin {
  kind: 'input' | 'config';
  /** For config values: the file, the key path and the position of the value. */
  file?: string;
  path?: string;
  line?: number;
  column?: number;
}

/** A bad input value: names the input, the value seen and what is allowed. */
export class InputError extends ShipgateError {
  readonly input: string;
  readonly value: string | undefined;
  readonly allowed: string;

  constructor(
    input: string,
    value: string | undefined,
    allowed: string,
    options: { hint?: string; origin?: InputOrigin } = {},
  ) {
    super(describeBadValue(input, value, allowed, options.origin), options);
    this.input = input;
    this.value = value;
    this.allowed = allowed;
  }
}

function describeBadValue(input: string, value: string | undefined, allowed: string, origin?: InputOrigin): string {
  // A config value is located the way compilers do (file:line:column), so editors and annotations can jump to it.
  const where =
    origin?.kind === 'config'
      ? `${origin.file ?? 'the config file'}${origin.line ? `:${origin.line}:${origin.column ?? 1}` : ''}: '${origin.path ?? input}'`
      : `Input '${input}'`;
  if (value === undefined || value === '') return `${where} is required: expected ${allowed}.`;
  return `${where} has an invalid value ${JSON.stringify(value)}: expected ${allowed}.`;
}

/** A problem in `.github/shipgate.yml` or another configuration file, with the key path and position. */
export class ConfigError extends ShipgateError {
  readonly file: string;
  readonly path: string;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(
    file: string,
    path: string,
    problem: string,
    position: { line?: number; column?: number } = {},
    options: { hint?: string } = {},
  ) {
    const at = position.line ? `${file}:${position.line}:${position.column ?? 1}` : file;
    super(`${at}: ${path ? `'${path}' ` : ''}${problem}`, options);
    this.file = file;
    this.path = path;
    this.line = position.line;
    this.column = position.column;
  }
}

/** A command that could not start or exited non-zero. */
export class ExecError extends ShipgateError {
  readonly command: string;
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor(
    command: string,
    exitCode: number | null,
    stderr: string,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    const detail = stderr.trim() ? `: ${truncate(stderr.trim(), 2000)}` : '';
    const how = exitCode === null ? 'could not run' : `exited with code ${exitCode}`;
    super(`Command '${command}' ${how}${detail}`, options);
    this.command = command;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

/** An HTTP request that failed. `retryable` lets a retry policy decide without parsing messages. */
export class HttpError extends ShipgateError {
  readonly status: number;
  readonly url: string;
  readonly retryable: boolean;
  /** Seconds the server asked us to wait (from `retry-after`), when it said. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    url: string,
    message: string,
    options: { hint?: string; cause?: unknown; retryable?: boolean; retryAfterSeconds?: number } = {},
  ) {
    super(`${message} (HTTP ${status} from ${url})`, options);
    this.status = status;
    this.url = url;
    this.retryable = options.retryable ?? isRetryableStatus(status);
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Server errors and throttling are worth retrying; other client errors never are. */
function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/** Something did not finish within its deadline. */
export class TimeoutError extends ShipgateError {
  readonly timeoutMs: number;

  constructor(what: string, timeoutMs: number, options: { hint?: string; cause?: unknown } = {}) {
    super(`${what} did not finish within ${formatMs(timeoutMs)}`, options);
    this.timeoutMs = timeoutMs;
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Shortens text for messages, keeping the start, and says how much was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** An in-memory {@link LogReader} for tests: a file that can grow, be truncated or disappear. */
import type { LogChunk, LogReader } from '../log-reader.js';

export class FakeLogReader implements LogReader {
  /** Every read, in order: the path and offset asked for. */
  readonly reads: { path: string; fromByte: number }[] = [];
  private content: Buffer | undefined;

  constructor(text?: string) {
    this.content = text === undefined ? undefined : Buffer.from(text);
  }

  describe(): string {
    return 'a fake host';
  }

  /** Appends text, creating the file when it does not exist. */
  append(text: string): void {
    this.content = Buffer.concat([this.content ?? Buffer.alloc(0), Buffer.from(text)]);
  }

  /** Empties the file, as `truncate -s 0` or logrotate's copytruncate do. */
  truncate(): void {
    this.content = Buffer.alloc(0);
  }

  /** Deletes the file, as a rotation does before nginx reopens its log. */
  remove(): void {
    this.content = undefined;
  }

  async read(path: string, fromByte: number, maxBytes = Number.POSITIVE_INFINITY): Promise<LogChunk | undefined> {
    this.reads.push({ path, fromByte });
    if (this.content === undefined) return undefined;
    const left = this.content.length - fromByte;
    if (left > maxBytes) return { text: '', size: this.content.length, tooLarge: left };
    return {
      text: fromByte >= this.content.length ? '' : this.content.subarray(fromByte).toString('utf8'),
      size: this.content.length,
    };
  }
}

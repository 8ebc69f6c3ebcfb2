/**
 * Follows a growing log through a {@link LogReader}: each call returns the complete lines appended since
 * the last one. A half-written last line waits for the next call; a file smaller than the offset (truncated,
 * or rotated and recreated) is read again from its start.
 */
import type { LogReader } from './log-reader.js';

/** New lines, or why the log could not be read. */
export type TailOutcome = { ok: true; lines: string[] } | { ok: false; message: string };

/** A tail on one file. Keeps the offset between calls; one instance per provider. */
export class LogTail {
  private offset: number | undefined;
  /** The file existed at some call: a missing file is then a rotation in progress, not a mistake. */
  private seen = false;

  /**
   * @param maxInitialBytes the first call reads at most this many bytes from the end of an existing log,
   *   so a large log is not read whole (its old lines fall before any window anyway).
   */
  constructor(
    private readonly reader: LogReader,
    private readonly path: string,
    private readonly maxInitialBytes: number,
    /** One call reads at most this much; past it, the tail skips to the end and reports a metrics failure. */
    private readonly maxBytesPerRead: number = 64 * 1024 * 1024,
  ) {}

  /** Reads the complete lines appended since the last call. */
  async next(): Promise<TailOutcome> {
    let skipFirstLine = false;
    if (this.offset === undefined) {
      const probe = await this.reader.read(this.path, Number.MAX_SAFE_INTEGER);
      if (probe === undefined) return this.missing();
      this.seen = true;
      this.offset = Math.max(0, probe.size - this.maxInitialBytes);
      skipFirstLine = this.offset > 0;
    }
    let chunk = await this.reader.read(this.path, this.offset, this.maxBytesPerRead);
    if (chunk === undefined) return this.missing();
    this.seen = true;
    if (chunk.tooLarge !== undefined) {
      // Reading it all would take long and much memory; the window it belongs to is unjudged, not misjudged.
      this.offset = chunk.size;
      const mib = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MiB`;
      return {
        ok: false,
        message: `${mib(chunk.tooLarge)} were appended to ${this.path} since the last look, more than the ${mib(this.maxBytesPerRead)} one look reads: skipped to the end.`,
      };
    }
    if (chunk.size < this.offset) {
      this.offset = 0;
      skipFirstLine = false;
      chunk = await this.reader.read(this.path, 0);
      if (chunk === undefined) return this.missing();
    }
    const end = chunk.text.lastIndexOf('\n');
    if (end < 0) return { ok: true, lines: [] };
    const complete = chunk.text.slice(0, end + 1);
    this.offset += Buffer.byteLength(complete, 'utf8');
    const lines = complete.split('\n').slice(0, -1);
    // Starting mid-file, the first line is most likely a tail of one.
    return { ok: true, lines: skipFirstLine ? lines.slice(1) : lines };
  }

  private missing(): TailOutcome {
    if (!this.seen)
      return { ok: false, message: `nginx access log ${this.path} does not exist on ${this.reader.describe()}.` };
    // Rotated away and not yet recreated: no lines now, and the new file is read from its start.
    this.offset = 0;
    return { ok: true, lines: [] };
  }
}

/**
 * The `nginx-log` provider's window on the access log: a narrow port that reads the bytes appended from an
 * offset, so a local file and a file on a server over SSH look the same.
 */
import { open } from 'node:fs/promises';

/** What one read returned. */
export interface LogChunk {
  /** The file's bytes from the offset asked for to its end, as UTF-8 (empty when the offset is at or past the end). */
  text: string;
  /** The file's size in bytes when it was read: smaller than the offset asked for means it was truncated or rotated. */
  size: number;
  /** Set when more than `maxBytes` were there to read: nothing was read, and this many bytes lie past the offset. */
  tooLarge?: number;
}

/** Reads a log file from a byte offset. */
export interface LogReader {
  /** Where the files are, for messages: "this machine", "deploy@10.0.0.5". */
  describe(): string;
  /**
   * The text from byte `fromByte` (0-based) to the end of `path`, and the file's size; `undefined` when the
   * file does not exist. With `maxBytes`, more than that is not read (`tooLarge` says how much there was).
   * Throws for anything else (no permission, the connection failed).
   */
  read(path: string, fromByte: number, maxBytes?: number): Promise<LogChunk | undefined>;
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'ENOENT';
}

/** A {@link LogReader} for files on this machine, with node:fs. */
export function createLocalLogReader(): LogReader {
  return {
    describe: () => 'this machine',
    async read(path, fromByte, maxBytes = Number.POSITIVE_INFINITY) {
      let file;
      try {
        file = await open(path, 'r');
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
      try {
        const { size } = await file.stat();
        if (fromByte >= size) return { text: '', size };
        if (size - fromByte > maxBytes) return { text: '', size, tooLarge: size - fromByte };
        const buffer = Buffer.alloc(size - fromByte);
        const { bytesRead } = await file.read(buffer, 0, buffer.length, fromByte);
        return { text: buffer.subarray(0, bytesRead).toString('utf8'), size };
      } finally {
        await file.close();
      }
    },
  };
}

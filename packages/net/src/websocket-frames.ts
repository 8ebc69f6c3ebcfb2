/**
 * The few parts of RFC 6455 a probe needs: the handshake's accept value, masked client frames, and a
 * reader for the server's (unmasked) frames. https://www.rfc-editor.org/rfc/rfc6455#section-5.2
 */
import { createHash, randomBytes } from 'node:crypto';

/** Frame opcodes. */
export const Opcode = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** A decoded frame. */
export interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

const ACCEPT_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The `Sec-WebSocket-Accept` a server must answer to `key` (RFC 6455 section 4.2.2). */
export function acceptFor(key: string): string {
  return createHash('sha1')
    .update(key + ACCEPT_GUID)
    .digest('base64');
}

/** A fresh `Sec-WebSocket-Key`. */
export function newKey(): string {
  return randomBytes(16).toString('base64');
}

/** One final, masked client frame (clients must mask, section 5.3). */
export function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.byteLength;
  const lengthBytes = length < 126 ? 0 : length < 0x10000 ? 2 : 8;
  const frame = Buffer.allocUnsafe(2 + lengthBytes + 4 + length);
  frame[0] = 0x80 | opcode;
  if (lengthBytes === 0) frame[1] = 0x80 | length;
  else if (lengthBytes === 2) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  const maskAt = 2 + lengthBytes;
  randomBytes(4).copy(frame, maskAt);
  for (let i = 0; i < length; i++) frame[maskAt + 4 + i] = (payload[i] as number) ^ (frame[maskAt + (i % 4)] as number);
  return frame;
}

/** A close frame with a status code (1000: normal closure). */
export function closeFrame(code = 1000): Buffer {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code, 0);
  return encodeFrame(Opcode.close, payload);
}

/** Accumulates bytes from the socket and yields complete frames; refuses frames above `maxPayload`. */
export class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly maxPayload: number) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.byteLength === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  /** The next complete frame, `undefined` when more bytes are needed, or a message when it is too large. */
  next(): Frame | undefined | string {
    const b = this.buffer;
    if (b.byteLength < 2) return undefined;
    const first = b[0] as number;
    const second = b[1] as number;
    let length = second & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (b.byteLength < 4) return undefined;
      length = b.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (b.byteLength < 10) return undefined;
      const big = b.readBigUInt64BE(2);
      length = big > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(big);
      offset = 10;
    }
    if (length > this.maxPayload) return `WebSocket frame of ${length} bytes exceeded ${this.maxPayload} bytes`;
    const masked = (second & 0x80) !== 0;
    const start = offset + (masked ? 4 : 0);
    if (b.byteLength < start + length) return undefined;
    const payload = Buffer.from(b.subarray(start, start + length));
    // Servers must not mask (section 5.1); unmask anyway rather than fail a probe on a pedantic point.
    if (masked) for (let i = 0; i < length; i++) payload[i] = (payload[i] as number) ^ (b[offset + (i % 4)] as number);
    this.buffer = b.subarray(start + length);
    return { fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload };
  }
}

/**
 * Just enough of the DNS wire format (RFC 1035 section 4) for a test responder: read a query's question
 * and write an answer for A and AAAA records.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** Record types we answer. */
export const RecordType = { A: 1, AAAA: 28 } as const;

/** A parsed query. */
export interface DnsQuery {
  id: number;
  flags: number;
  /** Lower-cased, without the trailing dot. */
  name: string;
  type: number;
  /** The question section as received, echoed in the answer. */
  question: Buffer;
}

/** Parses the first question of a query; `undefined` for anything malformed or compressed. */
export function parseQuery(message: Buffer): DnsQuery | undefined {
  if (message.byteLength < 12 || message.readUInt16BE(4) < 1) return undefined;
  const labels: string[] = [];
  let offset = 12;
  for (;;) {
    const length = message[offset];
    if (length === undefined || length > 63) return undefined;
    offset += 1;
    if (length === 0) break;
    labels.push(message.toString('ascii', offset, offset + length));
    offset += length;
  }
  if (offset + 4 > message.byteLength) return undefined;
  return {
    id: message.readUInt16BE(0),
    flags: message.readUInt16BE(2),
    name: labels.join('.').toLowerCase(),
    type: message.readUInt16BE(offset),
    question: message.subarray(12, offset + 4),
  };
}

/** The 16 bytes of an IPv6 address (expanding `::`). */
export function ipv6Bytes(address: string): Buffer {
  const [head = '', tail] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const bytes = Buffer.alloc(16);
  all.forEach((group, i) => bytes.writeUInt16BE(parseInt(group, 16), i * 2));
  return bytes;
}

/**
 * An answer to `query`: NXDOMAIN (rcode 3) when `addresses` is undefined, otherwise NOERROR with the
 * addresses that fit the query's type (none is a valid "no data" answer). Answers name the question through
 * the compression pointer 0xC00C (offset 12, where the question's name starts).
 */
export function buildAnswer(query: DnsQuery, addresses: readonly string[] | undefined, ttl = 60): Buffer {
  const matching = (addresses ?? []).filter((a) =>
    query.type === RecordType.A ? isIPv4(a) : query.type === RecordType.AAAA && isIPv6(a),
  );
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.id, 0);
  // QR=1, opcode copied, AA=1, RD copied, RA=1, rcode 0 or 3.
  const flags =
    0x8000 | (query.flags & 0x7800) | 0x0400 | (query.flags & 0x0100) | 0x0080 | (addresses === undefined ? 3 : 0);
  header.writeUInt16BE(flags, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(matching.length, 6);
  const answers = matching.map((address) => {
    const data = query.type === RecordType.A ? Buffer.from(address.split('.').map(Number)) : ipv6Bytes(address);
    const record = Buffer.alloc(12);
    record.writeUInt16BE(0xc00c, 0);
    record.writeUInt16BE(query.type, 2);
    record.writeUInt16BE(1, 4); // class IN
    record.writeUInt32BE(ttl, 6);
    record.writeUInt16BE(data.byteLength, 10);
    return Buffer.concat([record, data]);
  });
  return Buffer.concat([header, query.question, ...answers]);
}

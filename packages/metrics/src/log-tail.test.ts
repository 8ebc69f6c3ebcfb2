import { describe, expect, it } from 'vitest';
import { LogTail } from './log-tail.js';
import { FakeLogReader } from './testing/fake-log-reader.js';

describe('LogTail', () => {
  it('skips to the end, with a failure, when more was appended than one read takes, then goes on from there', async () => {
    const reader = new FakeLogReader('first\n');
    const tail = new LogTail(reader, '/var/log/nginx/shipgate.log', 1024, 100);
    expect(await tail.next()).toEqual({ ok: true, lines: ['first'] });
    reader.append('x'.repeat(2 * 1024 * 1024) + '\n');
    const skipped = await tail.next();
    expect(skipped).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^2 MiB were appended to \/var\/log\/nginx\/shipgate\.log since the last look/),
    });
    reader.append('after\n');
    expect(await tail.next()).toEqual({ ok: true, lines: ['after'] });
  });
});

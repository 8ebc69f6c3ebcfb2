import { describe, expect, it } from 'vitest';
import { createPrometheusClient } from './prometheus-client.js';

/** A fetch whose answer is `chunks` chunks of 1 MiB, counting how many were pulled. */
function hugeAnswer(chunks: number): { fetch: typeof fetch; pulled: () => number } {
  let pulled = 0;
  const fetchHuge = async (): Promise<Response> => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= chunks) return controller.close();
        pulled++;
        controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
      },
    });
    return new Response(stream, { status: 200 });
  };
  return { fetch: fetchHuge as typeof fetch, pulled: () => pulled };
}

describe('createPrometheusClient', () => {
  it('stops reading an answer past its cap and reports a query failure', async () => {
    const answer = hugeAnswer(384);
    const client = createPrometheusClient({
      url: 'http://prometheus:9090',
      timeoutMs: 1000,
      fetch: answer.fetch,
      maxBodyBytes: 4 * 1024 * 1024,
    });
    const result = await client.query('up', 0, 'canary errors');
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/answered the canary errors query with more than 4 MiB/),
    });
    expect(answer.pulled()).toBeLessThan(10);
  });
});

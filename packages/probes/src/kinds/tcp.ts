import { checkText } from '../assertions.js';
import type { TcpProbe } from '../model.js';
import { judgeAssertions, networkOutcome, type Attempts, type KindContext, type KindOutcome } from './context.js';

const MAX_REPLY_BYTES = 64 * 1024;

/** A TCP probe: connect, optionally send, and check the reply when one is expected. */
export async function runTcpProbe(probe: TcpProbe, context: KindContext, attempts: Attempts): Promise<KindOutcome> {
  const expectsReply = probe.expect.length > 0;
  const result = await attempts.run(() =>
    context.transport.tcp({
      host: probe.host,
      port: probe.port,
      timeoutMs: probe.timeoutMs,
      ...(probe.send === undefined ? {} : { send: probe.send }),
      ...(expectsReply
        ? {
            readUntil: (received: string) =>
              received.length > 0 && checkText(probe.expect, received, 'reply').every((a) => a.passed),
          }
        : {}),
      maxBytes: MAX_REPLY_BYTES,
    }),
  );
  if (!result.ok) return networkOutcome(result);
  const assertions = expectsReply ? checkText(probe.expect, result.received, 'reply') : [];
  return {
    ...judgeAssertions(assertions),
    durationMs: result.totalMs,
    timings: { connectMs: result.connectMs, totalMs: result.totalMs },
    assertions,
    details: { address: `${probe.host}:${probe.port}` },
  };
}

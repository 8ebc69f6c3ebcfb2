import { checkText } from '../assertions.js';
import { resolveUrl } from '../engine/urls.js';
import type { WebSocketProbe } from '../model.js';
import { judgeAssertions, networkOutcome, type Attempts, type KindContext, type KindOutcome } from './context.js';

/** A WebSocket probe: connect, optionally send, and check the first reply when one is expected. */
export async function runWebSocketProbe(
  probe: WebSocketProbe,
  context: KindContext,
  attempts: Attempts,
): Promise<KindOutcome> {
  // A relative URL joins an http(s) base URL with the matching ws(s) scheme.
  const url = resolveUrl(probe.url, context.baseUrl?.replace(/^http/, 'ws'));
  const awaitMessage = probe.expect.length > 0;
  const result = await attempts.run(() =>
    context.transport.websocket({
      url,
      headers: probe.headers,
      timeoutMs: probe.timeoutMs,
      ...(probe.send === undefined ? {} : { send: probe.send }),
      awaitMessage,
      verifyTls: probe.verifyTls,
    }),
  );
  if (!result.ok) return networkOutcome(result);
  const assertions = awaitMessage ? checkText(probe.expect, result.message ?? '', 'message') : [];
  return {
    ...judgeAssertions(assertions),
    durationMs: result.totalMs,
    timings: {
      connectMs: result.connectMs,
      totalMs: result.totalMs,
      ...(result.messageMs === undefined ? {} : { messageMs: result.messageMs }),
    },
    assertions,
  };
}

import { Attempts, describeFailure, type KindContext, type KindOutcome } from '../kinds/context.js';
import { runDnsProbe } from '../kinds/dns.js';
import { runFlowProbe } from '../kinds/flow.js';
import { runHttpProbe } from '../kinds/http.js';
import { runSecurityHeadersProbe } from '../kinds/security-headers.js';
import { runTcpProbe } from '../kinds/tcp.js';
import { runTlsProbe } from '../kinds/tls.js';
import { runWebSocketProbe } from '../kinds/websocket.js';
import { PROBE_KINDS, type ProbeDefinition } from '../model.js';
import type { ProbeResult } from './results.js';

/** Runs one probe, with its retries, and describes the result. */
export async function runProbe(probe: ProbeDefinition, context: KindContext): Promise<ProbeResult> {
  const attempts = new Attempts(probe.retries, context);
  const started = context.now();
  // A hostile answer (JSON nested a million deep, say) can make an assertion throw: that fails this probe, with
  // its reason, never the whole run.
  const outcome = await dispatch(probe, context, attempts).catch((error: unknown): KindOutcome => ({
    status: 'failed',
    durationMs: context.now() - started,
    timings: { totalMs: context.now() - started },
    reason: `the probe could not be evaluated: ${error instanceof Error ? error.message : String(error)}`,
    assertions: [],
  }));
  const failedAssertion = outcome.assertions.find((a) => !a.passed);
  return {
    name: probe.name,
    kind: probe.kind,
    tags: probe.tags,
    critical: probe.critical,
    status: outcome.status,
    attempts: attempts.count,
    durationMs: outcome.durationMs,
    timings: outcome.timings,
    assertions: outcome.assertions,
    ...(outcome.reason
      ? { reason: outcome.reason }
      : failedAssertion
        ? { reason: describeFailure(failedAssertion) }
        : {}),
    ...(failedAssertion ? { failedAssertion } : {}),
    ...(outcome.steps ? { steps: outcome.steps } : {}),
    ...(outcome.details ? { details: outcome.details } : {}),
    ...(probe.location ? { location: probe.location } : {}),
  };
}

function dispatch(probe: ProbeDefinition, context: KindContext, attempts: Attempts): Promise<KindOutcome> {
  switch (probe.kind) {
    case 'http':
      return runHttpProbe(probe, context, attempts);
    case 'flow':
      return runFlowProbe(probe, context, attempts);
    case 'tcp':
      return runTcpProbe(probe, context, attempts);
    case 'tls':
      return runTlsProbe(probe, context, attempts);
    case 'websocket':
      return runWebSocketProbe(probe, context, attempts);
    case 'dns':
      return runDnsProbe(probe, context, attempts);
    case 'security-headers':
      return runSecurityHeadersProbe(probe, context, attempts);
    default:
      throw new Error(
        `Unknown probe kind '${(probe as { kind: string }).kind}': expected one of ${PROBE_KINDS.join(', ')}`,
      );
  }
}

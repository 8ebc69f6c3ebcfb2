import { systemClock } from '@shipgate/kit';
import { runSuite, STANDARD_ENGINE_SETTINGS, type ProbeTransport, type SuiteResult } from '@shipgate/probes';
import type { RollbackSettings } from './settings.js';

/** Runs the verification probes after the switch, waiting up to wait-until-healthy for them to pass. */
export async function verifyRollback(
  verify: NonNullable<RollbackSettings['verify']>,
  transport: ProbeTransport,
  onSecret: (value: string) => void,
): Promise<SuiteResult> {
  return runSuite(
    verify.suite.probes,
    {
      ...STANDARD_ENGINE_SETTINGS,
      ...(verify.baseUrl ? { baseUrl: verify.baseUrl } : {}),
      ...(verify.waitUntilHealthyMs > 0 ? { waitUntilHealthyMs: verify.waitUntilHealthyMs } : {}),
      roundIntervalMs: 1000,
    },
    {
      transport,
      now: () => performance.now(),
      wallClock: () => new Date(),
      sleep: (ms) => systemClock.sleep(ms),
      onSecret,
    },
  );
}

/** The reason the verification failed, or undefined when it passed. Traffic stays: no second rollback is made. */
export function verificationFailure(result: SuiteResult, version: string): string | undefined {
  if (result.verdict !== 'fail') return undefined;
  const first = result.probes.find((p) => p.status === 'failed');
  const detail = first ? ` First failure: '${first.name}': ${first.reason ?? 'failed'}.` : '';
  return `Rolled back to ${version}, but verification failed: ${result.reason}${detail} Traffic stays on ${version}; no further rollback was made.`;
}

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ActionContext } from '@shipgate/kit';
import { parseProbeFile } from '@shipgate/probes';
import { runSuite } from '@shipgate/probes';
import type { SuiteResult } from '@shipgate/probes';
import type { ProbeTransport } from '@shipgate/probes';
import type { RollbackSettings } from './settings.js';

/** Runs the verification probes after the switch, waiting up to wait-until-healthy for them to pass. */
export async function verifyRollback(verify: NonNullable<RollbackSettings['verify']>, transport: ProbeTransport, context: ActionContext): Promise<SuiteResult> {
  const suite = parseProbeFile(readFileSync(resolve(context.workingDirectory, verify.file), 'utf8'), verify.file, { env: process.env });
  for (const secret of suite.secrets) context.secrets.add(secret);
  return runSuite(
    suite.probes,
    { ...(verify.baseUrl ? { baseUrl: verify.baseUrl } : {}), concurrency: 10, successThreshold: 1, ...(verify.waitUntilHealthyMs > 0 ? { waitUntilHealthyMs: verify.waitUntilHealthyMs } : {}), roundIntervalMs: 1000, maxBodyBytes: 10 * 1024 * 1024, retryDelayMs: (n) => 250 * n },
    { transport, now: () => performance.now(), wallClock: () => new Date(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)), onSecret: (v) => context.secrets.add(v) },
  );
}

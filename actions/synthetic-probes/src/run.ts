import { systemClock, type ActionContext, type ActionOutcome } from '@shipgate/kit';
import { createNetTransport } from '@shipgate/net';
import { runSuite, STANDARD_ENGINE_SETTINGS, type ProbeTransport } from '@shipgate/probes';
import type { ACTION } from './inputs.js';
import { parseSettings } from './settings.js';
import { annotateFailures, progressLine, writeSummary } from './summary.js';

/** Composition root: settings (inputs and probe file) → transport → engine → outputs, summary, annotations, report. */
export async function run(
  context: ActionContext<typeof ACTION.inputs>,
  env: NodeJS.ProcessEnv = process.env,
  openTransport: () => ProbeTransport & Disposable = createNetTransport,
): Promise<ActionOutcome> {
  const settings = parseSettings(context, env);
  const start = performance.now();
  // Released by the kit on every path, a cancelled job included.
  const transport = context.use(openTransport());
  const result = await runSuite(
    settings.probes,
    { ...STANDARD_ENGINE_SETTINGS, ...settings.engine },
    {
      transport,
      now: () => performance.now(),
      wallClock: () => new Date(),
      // A cancelled job ends the waits between retries and rounds, and with them the suite.
      sleep: async (ms) => {
        await systemClock.sleep(ms, context.signal);
        context.signal.throwIfAborted();
      },
      onSecret: (value) => context.secrets.add(value),
      onResult: (probe, round) => context.info(progressLine(probe, round)),
    },
  );
  context.setOutput('result', result.verdict);
  context.setOutput('passed', result.passed);
  context.setOutput('failed', result.failed);
  context.setOutput('success-rate', Math.round(result.successRate * 10_000) / 10_000);
  context.setOutput('p50-ms', result.p50Ms);
  context.setOutput('p95-ms', result.p95Ms);
  const run = { file: settings.file, suite: settings.suite, baseUrl: settings.baseUrl };
  writeSummary(context.summary, result, run);
  annotateFailures(context, result);
  context.writeReport({ ...run, elapsedMs: Math.round(performance.now() - start), ...result });
  context.info(result.reason);
  return result.verdict === 'pass' ? { status: 'success' } : { status: 'failure', message: result.reason };
}

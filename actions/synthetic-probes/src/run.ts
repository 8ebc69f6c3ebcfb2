import type { ActionContext, ActionOutcome } from '@shipgate/kit';
import { createNetTransport } from '@shipgate/net';
import { runSuite } from '@shipgate/probes';
import { checkRelativeUrls } from '@shipgate/probes';
import { selectSuite } from '@shipgate/probes';
import { loadProbes } from './load-probes.js';
import { Outputs, parseSettings } from './settings.js';
import { annotateFailures, writeSummary } from './summary.js';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Composition root: settings → probe file → transport → engine → outputs, summary, annotations, report. */
export async function run(context: ActionContext): Promise<ActionOutcome> {
  const settings = parseSettings(context.inputs);
  const suite = loadProbes(context, settings, process.env);
  const probes = selectSuite(suite.probes, settings.suite, suite.file).map((probe) => ({
    ...probe,
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    ...(settings.retries === undefined ? {} : { retries: settings.retries }),
  }));
  checkRelativeUrls(probes, settings.baseUrl, suite.file);

  const transport = createNetTransport();
  const start = performance.now();
  const result = await runSuite(
    probes,
    { baseUrl: settings.baseUrl, concurrency: settings.concurrency, successThreshold: settings.successThreshold, waitUntilHealthyMs: settings.waitUntilHealthyMs, roundIntervalMs: settings.waitIntervalMs, maxBodyBytes: MAX_BODY_BYTES, retryDelayMs: (n) => Math.min(2000, 250 * 2 ** (n - 1)) },
    {
      transport,
      now: () => performance.now(),
      wallClock: () => new Date(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      onSecret: (value) => context.secrets.add(value),
      onResult: (probe, round) => context.info(`${probe.status === 'failed' ? '✖' : probe.status === 'degraded' ? '◐' : '✔'} ${probe.name} (${Math.round(probe.durationMs)} ms${round > 1 ? `, round ${round}` : ''})${probe.reason ? `: ${probe.reason}` : ''}`),
    },
  ).finally(() => transport.close());

  context.setOutput(Outputs.Result, result.verdict);
  context.setOutput(Outputs.Passed, result.passed);
  context.setOutput(Outputs.Failed, result.failed);
  context.setOutput(Outputs.SuccessRate, Math.round(result.successRate * 10_000) / 10_000);
  context.setOutput(Outputs.P50, result.p50Ms);
  context.setOutput(Outputs.P95, result.p95Ms);
  writeSummary(context.summary, result, { file: suite.file, suite: settings.suite, baseUrl: settings.baseUrl });
  annotateFailures(context, result);
  context.writeReport({ file: suite.file, suite: settings.suite, baseUrl: settings.baseUrl, elapsedMs: Math.round(performance.now() - start), ...result });
  context.info(result.reason);
  return result.verdict === 'pass' ? { status: 'success' } : { status: 'failure', message: result.reason };
}

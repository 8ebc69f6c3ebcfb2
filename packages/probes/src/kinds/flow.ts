import { extractCapture } from '../captures.js';
import type { FlowStepResult } from '../engine/results.js';
import type { FlowProbe, FlowStep } from '../model.js';
import { renderStepTemplate, STEP_VALUE_ENCODERS } from '../templates.js';
import type { Attempts, KindContext, KindOutcome } from './context.js';
import { judgeHttpResponse, toHttpRequest } from './http.js';

type Captured = Record<string, Record<string, string>>;

/**
 * A multi-step API flow: steps run in order, each able to use values captured by earlier ones; after the
 * first failure the remaining steps are skipped, and the cleanup steps run whatever happened.
 */
export async function runFlowProbe(probe: FlowProbe, context: KindContext, attempts: Attempts): Promise<KindOutcome> {
  const captured: Captured = {};
  const results: FlowStepResult[] = [];
  let failed = false;
  for (const step of probe.steps) {
    if (failed) {
      results.push({
        name: step.name,
        cleanup: false,
        status: 'skipped',
        durationMs: 0,
        reason: 'an earlier step failed',
        assertions: [],
      });
      continue;
    }
    const result = await runStep(step, false, probe.timeoutMs, captured, context, attempts);
    failed = result.status === 'failed';
    results.push(result);
  }
  for (const step of probe.cleanup)
    results.push(await runStep(step, true, probe.timeoutMs, captured, context, attempts));

  const firstFailed = results.find((r) => r.status === 'failed');
  const degraded = results.find((r) => r.status === 'degraded');
  const durationMs = results.reduce((sum, r) => sum + r.durationMs, 0);
  const outcome: KindOutcome = {
    status: firstFailed ? 'failed' : degraded ? 'degraded' : 'passed',
    durationMs,
    timings: { totalMs: durationMs },
    assertions: results.flatMap((r) => r.assertions),
    steps: results,
    details: { steps: results.length },
  };
  const why = firstFailed ?? degraded;
  if (why) outcome.reason = `${why.cleanup ? 'cleanup ' : ''}step '${why.name}': ${why.reason ?? why.status}`;
  return outcome;
}

async function runStep(
  step: FlowStep,
  cleanup: boolean,
  timeoutMs: number,
  captured: Captured,
  context: KindContext,
  attempts: Attempts,
): Promise<FlowStepResult> {
  let template;
  try {
    template = {
      ...step.request,
      url: renderStepTemplate(step.request.url, captured, STEP_VALUE_ENCODERS.url),
      headers: Object.fromEntries(
        Object.entries(step.request.headers).map(([k, v]) => [k, renderStepTemplate(v, captured)]),
      ),
      ...(step.request.body === undefined
        ? {}
        : {
            body: renderStepTemplate(
              step.request.body,
              captured,
              step.request.bodyIsJson ? STEP_VALUE_ENCODERS.json : STEP_VALUE_ENCODERS.text,
            ),
          }),
    };
  } catch (error) {
    // A cleanup step that needs a value an earlier step never captured has nothing to clean up.
    const reason = error instanceof Error ? error.message : String(error);
    return { name: step.name, cleanup, status: cleanup ? 'skipped' : 'failed', durationMs: 0, reason, assertions: [] };
  }
  const request = toHttpRequest(template, timeoutMs, context);
  const response = await attempts.run(() => context.transport.http(request));
  if (!response.ok)
    return {
      name: step.name,
      cleanup,
      status: 'failed',
      durationMs: response.elapsedMs,
      reason: response.message,
      assertions: [],
    };
  const judged = judgeHttpResponse(step.expect, response);
  const result: FlowStepResult = {
    name: step.name,
    cleanup,
    status: judged.status,
    durationMs: judged.durationMs,
    assertions: judged.assertions,
    ...(judged.reason ? { reason: judged.reason } : {}),
  };
  if (judged.status === 'failed') return result;
  const values: Record<string, string> = {};
  for (const capture of step.captures) {
    const { value, error } = extractCapture(capture, response);
    if (value === undefined)
      return { ...result, status: 'failed', reason: `capture '${capture.name}': ${error ?? 'nothing matched'}` };
    if (capture.secret) context.onSecret(value);
    values[capture.name] = value;
  }
  captured[step.name] = values;
  return result;
}

/**
 * Flow probes: HTTP steps run in order, each able to capture values for later steps, then cleanup
 * requests that run whatever happened. Every `${steps.<step>.<capture>}` must name an earlier step (any
 * step, for cleanup) and a capture that step defines.
 */
import type { Capture, FlowStep } from '../model.js';
import {
  isMapping,
  SECRET_NAME,
  type DefinitionContext,
  type KeyPath,
  type LocatedStepReference,
} from './definition-context.js';
import { httpExpectationsAt } from './expectations.js';
import { httpRequestAt } from './http-request.js';
import { jsonPathAt, regexAt } from './values.js';

const CAPTURE_NAME = /^[A-Za-z0-9_-]+$/;
const CAPTURE_SOURCES = ['json', 'header', 'regex'] as const;
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'set-cookie', 'cookie']);

/** The steps and cleanup of a flow probe, with every step reference checked. */
export function flowStepsAt(
  ctx: DefinitionContext,
  path: KeyPath,
  raw: Record<string, unknown>,
  defaultHeaders: Readonly<Record<string, string>>,
): { steps: FlowStep[]; cleanup: FlowStep[] } {
  const known = new Map<string, { step: FlowStep; path: KeyPath }>();
  const listOf = (list: 'steps' | 'cleanup'): unknown[] => (Array.isArray(raw[list]) ? (raw[list] as unknown[]) : []);
  const allNames = [...listOf('steps'), ...listOf('cleanup')].map((item) => (isMapping(item) ? String(item.name) : ''));
  const read = (list: 'steps' | 'cleanup'): FlowStep[] => {
    return listOf(list).map((item, index) => {
      const at = [...path, list, index];
      const { step, references } = stepAt(ctx, at, isMapping(item) ? item : {}, defaultHeaders);
      const previous = known.get(step.name);
      if (previous)
        ctx.fail(
          [...at, 'name'],
          `step name '${step.name}' is already used by ${previous.path.join('.')}: step names must be unique within a flow`,
        );
      // Only the steps read so far are usable: the ones before a step, and every step for cleanup, which runs last.
      for (const reference of references) checkReference(ctx, step.name, reference, known, allNames);
      known.set(step.name, { step, path: at });
      return step;
    });
  };
  const steps = read('steps');
  if (steps.length === 0) ctx.fail([...path, 'steps'], 'has no steps: a flow needs at least one');
  return { steps, cleanup: read('cleanup') };
}

function stepAt(
  ctx: DefinitionContext,
  path: KeyPath,
  raw: Record<string, unknown>,
  defaultHeaders: Readonly<Record<string, string>>,
): { step: FlowStep; references: LocatedStepReference[] } {
  const name = String(raw.name);
  const firstReference = ctx.stepReferences.length;
  const request = httpRequestAt(ctx, path, raw, defaultHeaders, { stepReferences: true });
  const references = ctx.stepReferences.slice(firstReference);
  const expect = httpExpectationsAt(ctx, [...path, 'expect'], raw.expect);
  const captures = Object.entries(isMapping(raw.capture) ? raw.capture : {}).map(([captureName, spec]) =>
    captureAt(ctx, [...path, 'capture', captureName], captureName, isMapping(spec) ? spec : {}),
  );
  const location = ctx.location(path);
  const step: FlowStep = { name, request, expect, captures };
  return { step: location === undefined ? step : { ...step, location }, references };
}

function captureAt(ctx: DefinitionContext, path: KeyPath, name: string, raw: Record<string, unknown>): Capture {
  if (!CAPTURE_NAME.test(name)) ctx.fail(path, `capture name '${name}' may only contain letters, digits, '_' and '-'`);
  const present = CAPTURE_SOURCES.filter((source) => Object.hasOwn(raw, source));
  const [from, second] = present;
  if (from === undefined) ctx.fail(path, `says nowhere to capture from: write one of ${CAPTURE_SOURCES.join(', ')}`);
  if (second !== undefined)
    ctx.fail(
      [...path, second],
      `has ${present.length} sources (${present.join(', ')}): write exactly one of ${CAPTURE_SOURCES.join(', ')}`,
    );
  const at = [...path, from];
  let expression: string;
  switch (from) {
    case 'json':
      expression = jsonPathAt(ctx, at, raw.json);
      break;
    case 'header':
      expression = ctx.text(at, raw.header).trim().toLowerCase();
      break;
    case 'regex':
      expression = regexAt(ctx, at, raw.regex);
      break;
    default:
      throw new Error(`Unknown capture source '${String(from)}': expected one of ${CAPTURE_SOURCES.join(', ')}`);
  }
  const secret = raw.secret === true || SECRET_NAME.test(name) || (from === 'header' && SECRET_HEADERS.has(expression));
  return { name, from, expression, secret };
}

function checkReference(
  ctx: DefinitionContext,
  stepName: string,
  reference: LocatedStepReference,
  usable: ReadonlyMap<string, { step: FlowStep }>,
  allNames: readonly string[],
): void {
  const written = `\${steps.${reference.step}.${reference.capture}}`;
  const target = usable.get(reference.step)?.step;
  if (target === undefined) {
    const why =
      reference.step === stepName
        ? 'a step cannot use its own captures'
        : allNames.includes(reference.step)
          ? `step '${reference.step}' does not come before it: a step can only use captures of earlier steps`
          : `the flow has no step '${reference.step}': its steps are ${allNames.join(', ')}`;
    ctx.fail(reference.path, `step '${stepName}' uses ${written}, but ${why}`);
  }
  if (!target.captures.some((capture) => capture.name === reference.capture)) {
    const captures = target.captures.map((capture) => capture.name);
    const has = captures.length ? `it captures ${captures.join(', ')}` : 'it captures nothing';
    ctx.fail(
      reference.path,
      `step '${stepName}' uses ${written}, but step '${reference.step}' does not capture '${reference.capture}': ${has}`,
    );
  }
}

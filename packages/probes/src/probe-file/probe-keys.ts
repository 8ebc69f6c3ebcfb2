/**
 * Which keys apply to which kind of probe. The schema allows every key on every probe (so that its errors
 * stay precise); this check, run before the schema, says "key 'url' does not apply to a tcp probe" instead.
 */
import { PROBE_KINDS, type ProbeKind } from '../model.js';
import { isMapping, type DefinitionContext, type KeyPath } from './definition-context.js';
import {
  checkCaptureKeys,
  checkDefaultsKeys,
  checkDurationShape,
  checkHttpExpectKeys,
  checkTextExpectKeys,
} from './nested-keys.js';

const COMMON = ['name', 'kind', 'tags', 'critical', 'timeout', 'retries'];
/** Probe keys that a flow step inherits rather than sets. */
const PROBE_LEVEL = ['tags', 'critical', 'timeout', 'retries'];
const REQUEST = [
  'method',
  'url',
  'headers',
  'body',
  'json',
  'follow-redirects',
  'max-redirects',
  'allow-downgrade',
  'tls-verify',
];

/** The keys each kind of probe accepts. */
export const KIND_KEYS: Readonly<Record<ProbeKind, readonly string[]>> = {
  http: [...COMMON, ...REQUEST, 'expect'],
  flow: [...COMMON, 'steps', 'cleanup'],
  tcp: [...COMMON, 'host', 'port', 'send', 'expect'],
  tls: [...COMMON, 'host', 'port', 'servername', 'min-days', 'verify-hostname', 'ca'],
  websocket: [...COMMON, 'url', 'headers', 'send', 'expect', 'tls-verify'],
  dns: [...COMMON, 'host', 'record', 'server', 'expect'],
  'security-headers': [
    ...COMMON,
    'method',
    'url',
    'headers',
    'follow-redirects',
    'max-redirects',
    'allow-downgrade',
    'tls-verify',
    'require',
  ],
};

/** The keys of a flow step (and of a cleanup request). */
export const STEP_KEYS: readonly string[] = ['name', ...REQUEST, 'expect', 'capture'];

const ALL_PROBE_KEYS = new Set(Object.values(KIND_KEYS).flat());

/**
 * Checks the kind and the keys of each probe, flow step and nested mapping in the raw file, and the keys of
 * `defaults` unless `embedded`. Values of the wrong shape are skipped: the schema, checked next, reports them.
 */
export function checkProbeKeys(root: DefinitionContext, data: Record<string, unknown>, embedded: boolean): void {
  if (!embedded) checkDefaultsKeys(root, data.defaults);
  const probes = data.probes;
  if (!Array.isArray(probes)) return;
  probes.forEach((probe: unknown, index) => {
    if (!isMapping(probe)) return;
    const ctx: DefinitionContext = root.forProbe(probe.name);
    const path = ['probes', index];
    const kind = probe.kind ?? 'http';
    if (typeof kind !== 'string') return;
    if (!isKind(kind)) ctx.fail([...path, 'kind'], `unknown kind '${kind}': the kinds are ${PROBE_KINDS.join(', ')}`);
    const allowed = KIND_KEYS[kind];
    const what = `${kind === 'http' ? 'an' : 'a'} ${kind} probe${probe.kind === undefined ? ' (the kind when none is given)' : ''}`;
    for (const key of Object.keys(probe)) {
      if (allowed.includes(key)) continue;
      if (ALL_PROBE_KEYS.has(key))
        ctx.fail([...path, key], `key '${key}' does not apply to ${what}: its keys are ${allowed.join(', ')}`);
      ctx.fail([...path, key], `unknown key '${key}': the keys of ${what} are ${allowed.join(', ')}`);
    }
    checkDurationShape(ctx, probe.timeout, [...path, 'timeout']);
    if (kind === 'http') checkHttpExpectKeys(ctx, probe.expect, [...path, 'expect']);
    if (kind === 'tcp' || kind === 'websocket') checkTextExpectKeys(ctx, probe.expect, [...path, 'expect']);
    if (kind === 'flow') {
      for (const list of ['steps', 'cleanup']) checkStepKeys(ctx, probe[list], [...path, list]);
    }
  });
}

function checkStepKeys(ctx: DefinitionContext, steps: unknown, path: KeyPath): void {
  if (!Array.isArray(steps)) return;
  steps.forEach((step: unknown, index) => {
    if (!isMapping(step)) return;
    for (const key of Object.keys(step)) {
      if (STEP_KEYS.includes(key)) continue;
      const where = [...path, index, key];
      if (PROBE_LEVEL.includes(key)) {
        const each = key === 'timeout' || key === 'retries' ? ', where it applies to each step' : '';
        ctx.fail(where, `key '${key}' does not apply to a flow step: set it on the probe${each}`);
      }
      if (ALL_PROBE_KEYS.has(key))
        ctx.fail(where, `key '${key}' does not apply to a flow step: its keys are ${STEP_KEYS.join(', ')}`);
      ctx.fail(where, `unknown key '${key}': the keys of a flow step are ${STEP_KEYS.join(', ')}`);
    }
    checkHttpExpectKeys(ctx, step.expect, [...path, index, 'expect']);
    checkCaptureKeys(ctx, step.capture, [...path, index, 'capture']);
  });
}

function isKind(kind: string): kind is ProbeKind {
  return (PROBE_KINDS as readonly string[]).includes(kind);
}

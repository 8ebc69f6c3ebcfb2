/** One probe: the keys every kind shares, then the kind's own, with the file's defaults applied. */
import {
  PROBE_KINDS,
  SECURITY_HEADERS,
  type ProbeCommon,
  type ProbeDefinition,
  type ProbeKind,
  type SecurityHeader,
} from '../model.js';
import type { DefinitionContext, KeyPath } from './definition-context.js';
import { httpExpectationsAt } from './expectations.js';
import { flowStepsAt } from './flow.js';
import { httpRequestAt } from './http-request.js';
import { dnsProbeAt, tcpProbeAt, tlsProbeAt, webSocketProbeAt } from './socket-probes.js';
import { durationAt } from './values.js';

/** What `defaults:` sets for every probe (the built-in values when the file has no `defaults`). */
export interface ProbeDefaults {
  timeoutMs: number;
  retries: number;
  headers: Record<string, string>;
}

/** The defaults of the suite itself: 10 s per attempt, no retries, no extra headers. */
export const BUILT_IN_DEFAULTS: Readonly<ProbeDefaults> = { timeoutMs: 10_000, retries: 0, headers: {} };

/** Reads one probe mapping, which the schema and the key check have already accepted. */
export function probeAt(
  ctx: DefinitionContext,
  path: KeyPath,
  raw: Record<string, unknown>,
  defaults: ProbeDefaults,
): ProbeDefinition {
  const kind = (raw.kind ?? 'http') as ProbeKind;
  const tags = Array.isArray(raw.tags) ? [...new Set(raw.tags.map(String))] : [];
  const common: Omit<ProbeCommon, 'kind'> = {
    name: String(raw.name),
    tags,
    critical: raw.critical === true,
    timeoutMs: raw.timeout === undefined ? defaults.timeoutMs : durationAt(ctx, [...path, 'timeout'], raw.timeout),
    retries: typeof raw.retries === 'number' ? raw.retries : defaults.retries,
  };
  const location = ctx.location(path);
  if (location) common.location = location;
  switch (kind) {
    case 'http':
      return {
        ...common,
        kind,
        request: httpRequestAt(ctx, path, raw, defaults.headers),
        expect: httpExpectationsAt(ctx, [...path, 'expect'], raw.expect),
      };
    case 'flow':
      return { ...common, kind, ...flowStepsAt(ctx, path, raw, defaults.headers) };
    case 'tcp':
      return tcpProbeAt(ctx, path, raw, common);
    case 'tls':
      return tlsProbeAt(ctx, path, raw, common);
    case 'websocket':
      return webSocketProbeAt(ctx, path, raw, common, defaults.headers);
    case 'dns':
      return dnsProbeAt(ctx, path, raw, common);
    case 'security-headers': {
      const required = Array.isArray(raw.require) ? (raw.require as SecurityHeader[]) : SECURITY_HEADERS;
      return {
        ...common,
        kind,
        request: httpRequestAt(ctx, path, raw, defaults.headers),
        require: [...new Set(required)],
      };
    }
    default:
      throw new Error(`Unknown probe kind '${String(kind)}': expected one of ${PROBE_KINDS.join(', ')}`);
  }
}

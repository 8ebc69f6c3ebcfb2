/**
 * The `probes` metrics provider: at each collect it runs a synthetic-probes suite against the canary and
 * the stable base URLs, side by side. It measures when there is no real traffic, and makes some.
 */
import type { MetricsProvider, MetricsWindow, SideSample } from '@shipgate/canary';
import { ShipgateError, type Clock } from '@shipgate/core';
import { systemClock } from '@shipgate/kit';
import { runSuite, type EngineDependencies, type EngineSettings } from '@shipgate/probes';
import type { ProbeDefinition } from '@shipgate/probes';
import type { ProbeTransport } from '@shipgate/probes';
import { mergeLatencies } from './side-sample.js';

/** Options of {@link createProbeMetrics}. */
export interface ProbeMetricsOptions {
  /** The suite. Only probes addressed relative to the base URL can tell the sides apart; see {@link ProbeMetricsProvider.skipped}. */
  probes: ProbeDefinition[];
  /** Where the canary answers directly (not through the load balancer), e.g. `http://10.0.0.7:8080`. */
  canaryBaseUrl: string;
  stableBaseUrl: string;
  transport: ProbeTransport;
  /** Probes in flight at once, per side. Default 4. */
  concurrency?: number;
  /** Times the suite runs per side at each collect, for more samples per window. Default 1. */
  runsPerCollect?: number;
  /** Responses larger than this fail. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Milliseconds for probe durations. Default `performance.now` (monotonic, sub-millisecond). */
  now?: Clock['now'];
  /** Pause before a retry after a network error. Default the system clock's. */
  sleep?: Clock['sleep'];
  /** Masks a value a flow captured as secret (a session token): failure reasons reach the look's messages. */
  onSecret?: (value: string) => void;
}

/** The provider, plus the probes it leaves out. */
export interface ProbeMetricsProvider extends MetricsProvider {
  /** Probes not run because they do not go through the base URL (absolute URLs, tcp, tls, dns): they would measure the same server for both sides. */
  readonly skipped: readonly string[];
}

const SOURCE = 'probes';

/** True when every URL of the probe is relative, so it runs against whichever base URL it is given. */
function followsBaseUrl(probe: ProbeDefinition): boolean {
  switch (probe.kind) {
    case 'http':
    case 'security-headers':
      return probe.request.url.startsWith('/');
    case 'flow':
      return [...probe.steps, ...probe.cleanup].every((step) => step.request.url.startsWith('/'));
    case 'websocket':
      return probe.url.startsWith('/');
    case 'tcp':
    case 'tls':
    case 'dns':
      return false;
    default:
      throw new Error(
        `Unknown probe kind '${(probe as { kind: string }).kind}': expected http, flow, tcp, tls, websocket, dns or security-headers`,
      );
  }
}

/**
 * Builds the provider. Each collect runs the suite against both sides at once; the window's times are not
 * used, the probes measure now. Requests are probes run (a flow counts once, retries do not add), errors are
 * failed probes (degraded ones passed), latencies are probe durations in milliseconds, one point each.
 * @throws ShipgateError when no probe can run against both base URLs.
 */
export function createProbeMetrics(options: ProbeMetricsOptions): ProbeMetricsProvider {
  const usable = options.probes.filter(followsBaseUrl);
  const skipped = options.probes.filter((p) => !usable.includes(p)).map((p) => p.name);
  if (usable.length === 0) {
    throw new ShipgateError(
      `None of the ${options.probes.length} probes can compare canary and stable: each must use a URL relative to the base URL.`,
      {
        hint: "Write http, flow, security-headers or websocket probes with URLs like '/health', so they run against both versions.",
      },
    );
  }
  const settings = (baseUrl: string): EngineSettings => ({
    baseUrl,
    concurrency: options.concurrency ?? 4,
    successThreshold: 1,
    roundIntervalMs: 0,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    retryDelayMs: (attempt) => Math.min(1000, 100 * 2 ** (attempt - 1)),
  });
  const deps: EngineDependencies = {
    transport: options.transport,
    now: options.now ?? (() => performance.now()),
    wallClock: systemClock.wallClock,
    sleep: options.sleep ?? systemClock.sleep,
    onSecret: options.onSecret ?? (() => undefined),
  };

  const measure = async (baseUrl: string): Promise<SideSample> => {
    const runs = [];
    for (let i = 0; i < (options.runsPerCollect ?? 1); i++) runs.push(await runSuite(usable, settings(baseUrl), deps));
    const probes = runs.flatMap((run) => run.probes);
    return {
      requests: probes.length,
      errors: probes.filter((p) => p.status === 'failed').length,
      latencies: mergeLatencies(probes.map((p) => ({ valueMs: Math.round(p.durationMs * 1000) / 1000, count: 1 }))),
    };
  };

  return {
    name: SOURCE,
    skipped,
    async collect(): Promise<MetricsWindow> {
      const [canary, stable] = await Promise.all([measure(options.canaryBaseUrl), measure(options.stableBaseUrl)]);
      return { ok: true, source: SOURCE, canary, stable };
    },
  };
}

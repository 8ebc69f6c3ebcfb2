import { InputError, thresholdsFor, type InputReader } from '../../../packages/kit/src/index.js';
import type { StatisticalSettings, ThresholdLimits } from '../../../packages/canary/src/judge-model.js';
import { ON_FAILURE, ON_NO_DATA, type RolloutSettings } from '../../../packages/canary/src/rollout/rollout-model.js';
import { parseStages } from '../../../packages/canary/src/rollout/stage-plan.js';
import { parseCommandLine } from '../../../packages/exec/src/index.js';
import { Inputs } from './names.js';

export const PROVIDERS = ['nginx', 'command'] as const;
export const METRIC_SOURCES = ['prometheus', 'nginx-log', 'probes'] as const;
export type MetricSource = (typeof METRIC_SOURCES)[number];

/** Where the nginx provider's commands run: here, or on a host over SSH. */
export interface SshSettings {
  host: string;
  user: string;
  /** The private key (a secret, already masked). */
  key: string;
  port: number;
  knownHosts: string | undefined;
  strictHostKeyChecking: boolean;
}

export type ProviderSettings =
  | { kind: 'nginx'; stableTargets: string[]; canaryTargets: string[]; upstream: string; upstreamFile: string; testCommand: string[]; reloadCommand: string[]; pidFile: string | undefined; split: { mode: 'weighted' } | { mode: 'sticky'; key: string } }
  | { kind: 'command'; setWeightCommand: string[]; promoteCommand?: string[]; abortCommand?: string[] };

export interface MetricsSettings {
  sources: MetricSource[];
  prometheus?: { url: string; versionLabel: string; canaryQuery?: string; baselineQuery?: string };
  nginxAccessLog?: string;
  probes?: { file: string; canaryUrl: string; stableUrl: string };
}

/** Everything canary-deploy needs, read and validated once, before any traffic moves. */
export interface CanarySettings {
  version: string;
  /** The stable version, when given (else read from the environment's current deployment). */
  stableVersion: string | undefined;
  provider: ProviderSettings;
  ssh: SshSettings | undefined;
  rollout: RolloutSettings;
  judge: { kind: 'statistical' | 'threshold'; limits: ThresholdLimits; statistical: StatisticalSettings };
  metrics: MetricsSettings;
  token: string | undefined;
  environmentUrl: string | undefined;
}

const TARGET = /^(?:unix:\/\S+|\[[0-9a-fA-F:]+\]:\d{1,5}|[A-Za-z0-9.-]+:\d{1,5})$/;

function targets(inputs: InputReader, name: string): string[] {
  const list = inputs.list(name);
  const raw = list.join(',');
  if (list.length === 0) throw new InputError(name, undefined, 'one or more servers as host:port, comma-separated (for example 10.0.0.5:8080,10.0.0.6:8080)');
  const bad = list.find((t) => !TARGET.test(t));
  if (bad !== undefined) throw new InputError(name, raw, 'servers as host:port (or unix:/path), comma-separated', { hint: `'${bad}' is not host:port.` });
  return list;
}

function command(inputs: InputReader, name: string, required: boolean): string[] | undefined {
  const text = required ? inputs.requiredString(name, 'a command line, such as ./deploy/set-weight.sh {weight} {version}') : inputs.string(name);
  if (text === undefined) return undefined;
  try {
    return parseCommandLine(text);
  } catch (error) {
    throw new InputError(name, text, 'a command with arguments, without shell operators (wrap pipes or && in a script)', { hint: error instanceof Error ? error.message : String(error) });
  }
}

function provider(inputs: InputReader): ProviderSettings {
  const kind = inputs.enum(Inputs.Provider, PROVIDERS, 'nginx');
  switch (kind) {
    case 'nginx': {
      const stableTargets = targets(inputs, Inputs.StableTargets);
      const canaryTargets = targets(inputs, Inputs.CanaryTargets);
      const shared = canaryTargets.find((t) => stableTargets.includes(t));
      if (shared) throw new InputError(Inputs.CanaryTargets, canaryTargets.join(','), 'servers different from stable-targets', { hint: `${shared} is in both stable-targets and canary-targets.` });
      const upstream = inputs.string(Inputs.NginxUpstream, 'shipgate_app');
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(upstream)) throw new InputError(Inputs.NginxUpstream, upstream, 'an nginx upstream name: letters, digits and _, not starting with a digit');
      const split = inputs.enum(Inputs.NginxSplit, ['weighted', 'sticky'] as const, 'weighted');
      return {
        kind,
        stableTargets,
        canaryTargets,
        upstream,
        upstreamFile: inputs.requiredString(Inputs.NginxUpstreamFile, 'the path of the upstream file Shipgate owns, such as /etc/nginx/conf.d/shipgate-upstream.conf'),
        testCommand: command(inputs, Inputs.NginxTestCommand, false) ?? ['nginx', '-t'],
        reloadCommand: command(inputs, Inputs.NginxReloadCommand, false) ?? ['nginx', '-s', 'reload'],
        pidFile: inputs.string(Inputs.NginxPidFile),
        split: split === 'sticky' ? { mode: 'sticky', key: inputs.string(Inputs.NginxStickyKey, '$remote_addr') } : { mode: 'weighted' },
      };
    }
    case 'command': {
      const promote = command(inputs, Inputs.PromoteCommand, false);
      const abort = command(inputs, Inputs.AbortCommand, false);
      return { kind, setWeightCommand: command(inputs, Inputs.SetWeightCommand, true) as string[], ...(promote ? { promoteCommand: promote } : {}), ...(abort ? { abortCommand: abort } : {}) };
    }
    default:
      throw new InputError(Inputs.Provider, String(kind), `one of: ${PROVIDERS.join(', ')}`);
  }
}

function ssh(inputs: InputReader): SshSettings | undefined {
  const host = inputs.string(Inputs.SshHost);
  if (host === undefined) return undefined;
  const strict = inputs.boolean(Inputs.SshStrict, true);
  const knownHosts = inputs.string(Inputs.SshKnownHosts);
  if (strict && knownHosts === undefined) {
    throw new InputError(Inputs.SshKnownHosts, undefined, `the host's known_hosts line(s), for example the output of: ssh-keyscan -p 22 ${host}`, { hint: 'Host key checking is on (ssh-strict-host-key-checking: true), so the host key must be known.' });
  }
  return {
    host,
    user: inputs.requiredString(Inputs.SshUser, 'the SSH user, such as deploy'),
    key: inputs.secret(Inputs.SshKey, { required: true }) as string,
    port: inputs.integer(Inputs.SshPort, 22, { min: 1, max: 65535 }),
    knownHosts,
    strictHostKeyChecking: strict,
  };
}

function metrics(inputs: InputReader, prov: ProviderSettings): MetricsSettings {
  const prometheusUrl = inputs.url(Inputs.PrometheusUrl)?.toString().replace(/\/+$/, '');
  const accessLog = inputs.string(Inputs.NginxAccessLog);
  const probes = inputs.string(Inputs.Probes);
  const defaults: MetricSource[] = [...(prometheusUrl ? ['prometheus' as const] : []), ...(accessLog ? ['nginx-log' as const] : []), ...(probes ? ['probes' as const] : [])];
  const sources = inputs.list(Inputs.Metrics, defaults, METRIC_SOURCES) as MetricSource[];
  if (sources.length === 0) {
    throw new InputError(Inputs.Metrics, undefined, `one or more of: ${METRIC_SOURCES.join(', ')}`, { hint: 'Set prometheus-url, nginx-access-log or probes so the canary can be measured.' });
  }
  const result: MetricsSettings = { sources };
  if (sources.includes('prometheus')) {
    if (!prometheusUrl) throw new InputError(Inputs.PrometheusUrl, undefined, 'the Prometheus server URL, such as http://prometheus:9090 (metrics includes prometheus)');
    const canaryQuery = inputs.string(Inputs.PrometheusCanaryQuery);
    const baselineQuery = inputs.string(Inputs.PrometheusBaselineQuery);
    result.prometheus = { url: prometheusUrl, versionLabel: inputs.string(Inputs.PrometheusVersionLabel, 'version'), ...(canaryQuery ? { canaryQuery } : {}), ...(baselineQuery ? { baselineQuery } : {}) };
  }
  if (sources.includes('nginx-log')) {
    if (prov.kind !== 'nginx') throw new InputError(Inputs.Metrics, sources.join(','), 'nginx-log only with provider: nginx (it tells canary from stable by the upstream servers)');
    result.nginxAccessLog = inputs.requiredString(Inputs.NginxAccessLog, 'the path of the nginx access log written with Shipgate\'s log format (metrics includes nginx-log)');
  }
  if (sources.includes('probes')) {
    const firstTarget = (list: string[]): string | undefined => (list[0] ? `http://${list[0]}` : undefined);
    const canaryUrl = inputs.url(Inputs.CanaryUrl)?.toString() ?? (prov.kind === 'nginx' ? firstTarget(prov.canaryTargets) : undefined);
    const stableUrl = inputs.url(Inputs.StableUrl)?.toString() ?? (prov.kind === 'nginx' ? firstTarget(prov.stableTargets) : undefined);
    if (!canaryUrl) throw new InputError(Inputs.CanaryUrl, undefined, "the canary's own URL (metrics includes probes)");
    if (!stableUrl) throw new InputError(Inputs.StableUrl, undefined, "the stable version's own URL (metrics includes probes)");
    result.probes = { file: inputs.requiredString(Inputs.Probes, 'a probe file (metrics includes probes)'), canaryUrl: canaryUrl.replace(/\/+$/, ''), stableUrl: stableUrl.replace(/\/+$/, '') };
  }
  return result;
}

/** Reads every input; a wrong value fails here, naming the input, before any traffic moves. */
export function parseSettings(inputs: InputReader, environment: string | undefined): CanarySettings {
  const version = inputs.requiredString(Inputs.Version, 'the version being rolled out, such as v1.4.2 or a commit SHA');
  const prov = provider(inputs);
  const stageDurationMs = inputs.duration(Inputs.StageDuration, 120_000, { min: 1000, max: 86_400_000 });
  const analysisIntervalMs = inputs.duration(Inputs.AnalysisInterval, 30_000, { min: 200, max: 3_600_000 });
  if (analysisIntervalMs > stageDurationMs) {
    throw new InputError(Inputs.AnalysisInterval, inputs.string(Inputs.AnalysisInterval), `a duration no longer than stage-duration (${inputs.string(Inputs.StageDuration, '2m')})`);
  }
  const stages = parseStages(inputs.list(Inputs.Stages, ['5', '10', '25', '50', '100']));
  const defaults = environment && ['development', 'staging', 'production'].includes(environment) ? thresholdsFor(environment) : { maxErrorRate: 5, maxP95Ms: 5000 };
  const rollout: RolloutSettings = {
    version,
    stages,
    stageDurationMs,
    analysisIntervalMs,
    minSamples: inputs.integer(Inputs.MinSamples, 50, { min: 1, max: 10_000_000 }),
    maxExtensionMs: inputs.duration(Inputs.MaxExtension, 120_000, { min: 0, max: 86_400_000 }),
    onFailure: inputs.enum(Inputs.OnFailure, ON_FAILURE, 'rollback'),
    onNoData: inputs.enum(Inputs.OnNoData, ON_NO_DATA, 'rollback'),
    maxMetricsFailures: inputs.integer(Inputs.MaxMetricsFailures, 3, { min: 1, max: 1000 }),
  };
  const analysedStages = stages.filter((w) => w < 100).length;
  const looksPerStage = Math.ceil(stageDurationMs / analysisIntervalMs) + Math.ceil(rollout.maxExtensionMs / analysisIntervalMs);
  return {
    version,
    stableVersion: inputs.string(Inputs.StableVersion),
    provider: prov,
    ssh: ssh(inputs),
    rollout,
    judge: {
      kind: inputs.enum(Inputs.Judge, ['statistical', 'threshold'] as const, 'statistical'),
      limits: {
        maxErrorRate: inputs.number(Inputs.MaxErrorRate, defaults.maxErrorRate, { min: 0, max: 100 }) / 100,
        maxP95Ms: inputs.number(Inputs.MaxP95Ms, defaults.maxP95Ms, { min: 1, max: 600_000 }),
        maxErrorRateIncrease: inputs.number(Inputs.MaxErrorRateIncrease, 0.5, { min: 0, max: 100 }) / 100,
        maxLatencyIncrease: inputs.number(Inputs.MaxLatencyIncrease, 10, { min: 0, max: 1000 }) / 100,
      },
      statistical: {
        alpha: inputs.number(Inputs.Alpha, 0.01, { min: 0.0001, max: 0.2 }),
        detectErrorRatio: 2,
        errorRatioTolerance: 1,
        latencyTolerance: inputs.number(Inputs.MaxLatencyIncrease, 10, { min: 0, max: 1000 }) / 100,
        plannedLooks: Math.max(1, analysedStages * looksPerStage),
      },
    },
    metrics: metrics(inputs, prov),
    token: inputs.secret(Inputs.Token),
    environmentUrl: inputs.url(Inputs.EnvironmentUrl)?.toString(),
  };
}

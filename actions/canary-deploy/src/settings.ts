import { InputError, thresholdsFor, type InputReader } from '@shipgate/kit';
import type { StatisticalSettings, ThresholdLimits } from '@shipgate/canary';
import { ON_FAILURE, ON_NO_DATA, type RolloutSettings } from '@shipgate/canary';
import { parseStages } from '@shipgate/core';
import { readCommand, readNginxSettings, readSshSettings, readTargets, type NginxSettings, type SshSettings } from '@shipgate/traffic';
import { Inputs } from './names.js';

export const PROVIDERS = ['nginx', 'command'] as const;
export const METRIC_SOURCES = ['prometheus', 'nginx-log', 'probes'] as const;
export type MetricSource = (typeof METRIC_SOURCES)[number];

export type { SshSettings } from '@shipgate/traffic';

export type ProviderSettings =
  | ({ kind: 'nginx'; stableTargets: string[]; canaryTargets: string[] } & NginxSettings)
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
  /** Inputs that were given but have no effect with these settings (said as warnings, not ignored silently). */
  warnings: string[];
}

/** Limits only one judge reads: giving them to the other is a mistake worth saying. */
const THRESHOLD_ONLY = [Inputs.MaxErrorRate, Inputs.MaxP95Ms, Inputs.MaxErrorRateIncrease] as const;
const STATISTICAL_ONLY = [Inputs.Alpha] as const;

function unusedInputs(inputs: InputReader, judge: 'statistical' | 'threshold'): string[] {
  const unused = judge === 'statistical' ? THRESHOLD_ONLY : STATISTICAL_ONLY;
  const other = judge === 'statistical' ? 'threshold' : 'statistical';
  // The action.yml default of alpha is passed by the runner like a given value; only a changed one counts.
  return unused
    .filter((name) => inputs.raw(name) !== undefined && !(name === Inputs.Alpha && inputs.raw(name)?.value === '0.01'))
    .map((name) => `Input '${name}' is set but only the ${other} judge uses it (judge: ${judge}); it has no effect here.`);
}

function provider(inputs: InputReader): ProviderSettings {
  const kind = inputs.enum(Inputs.Provider, PROVIDERS, 'nginx');
  switch (kind) {
    case 'nginx': {
      const stableTargets = readTargets(inputs, Inputs.StableTargets);
      const canaryTargets = readTargets(inputs, Inputs.CanaryTargets);
      const shared = canaryTargets.find((t) => stableTargets.includes(t));
      if (shared) throw new InputError(Inputs.CanaryTargets, canaryTargets.join(','), 'servers different from stable-targets', { hint: `${shared} is in both stable-targets and canary-targets.` });
      return { kind, stableTargets, canaryTargets, ...readNginxSettings(inputs) };
    }
    case 'command': {
      const promote = readCommand(inputs, Inputs.PromoteCommand, false);
      const abort = readCommand(inputs, Inputs.AbortCommand, false);
      return { kind, setWeightCommand: readCommand(inputs, Inputs.SetWeightCommand, true) as string[], ...(promote ? { promoteCommand: promote } : {}), ...(abort ? { abortCommand: abort } : {}) };
    }
    default:
      throw new InputError(Inputs.Provider, String(kind), `one of: ${PROVIDERS.join(', ')}`);
  }
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
  const judgeKind = inputs.enum(Inputs.Judge, ['statistical', 'threshold'] as const, 'statistical');
  const analysedStages = stages.filter((w) => w < 100).length;
  const looksPerStage = Math.ceil(stageDurationMs / analysisIntervalMs) + Math.ceil(rollout.maxExtensionMs / analysisIntervalMs);
  return {
    version,
    stableVersion: inputs.string(Inputs.StableVersion),
    provider: prov,
    ssh: readSshSettings(inputs),
    rollout,
    judge: {
      kind: judgeKind,
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
    warnings: unusedInputs(inputs, judgeKind),
  };
}

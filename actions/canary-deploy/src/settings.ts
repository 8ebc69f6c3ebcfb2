import { readFileSync } from 'node:fs';
import { childEnvironment, thresholdsFor, withoutCredentials, type ActionContext } from '@shipgate/kit';
import {
  defaultWarmUpMs,
  type RolloutSettings,
  type StatisticalSettings,
  type ThresholdLimits,
} from '@shipgate/canary';
import { loadProbeSuite, type ProbeSuiteDefinition } from '@shipgate/probes';
import {
  checkTargets,
  MAX_BASELINE_WEIGHT,
  readNginxSettings,
  readSshSettings,
  type NginxSettings,
  type SshSettings,
} from '@shipgate/traffic';
import type { ApprovalRecord } from '@shipgate/history';
import { parseApproval } from './approval.js';
import type { ACTION } from './inputs.js';

type Context = ActionContext<typeof ACTION.inputs>;
type Inputs = Context['inputs'];

/** Where the metrics come from. */
export type MetricSource = 'prometheus' | 'nginx-log' | 'probes';

/** How traffic moves. */
export type ProviderSettings =
  | ({
      kind: 'nginx';
      stableTargets: string[];
      canaryTargets: string[];
      /** A fresh stable instance at the canary's weight, the canary is then judged against (`baseline-targets`). */
      baselineTargets?: string[];
    } & NginxSettings)
  | { kind: 'command'; setWeightCommand: string[]; promoteCommand?: string[]; abortCommand?: string[] };

/** The metrics sources chosen and what each needs. */
export interface MetricsSettings {
  /** The sources, combined. */
  sources: MetricSource[];
  /** Prometheus: its URL, the label telling versions apart, and custom error queries. */
  prometheus?: {
    url: string;
    authorization?: string;
    versionLabel: string;
    canaryQuery?: string;
    baselineQuery?: string;
  };
  /** nginx-log: the access log's absolute path on the nginx host. */
  nginxAccessLog?: string;
  /** probes: the parsed probe suite and each side's own address. */
  probes?: { suite: ProbeSuiteDefinition; canaryUrl: string; stableUrl: string };
}

/** Everything canary-deploy needs, read and validated once, before any traffic moves. */
export interface CanarySettings {
  /** The version rolled out. */
  version: string;
  /** The stable version, when given (else read from the environment's current deployment). */
  stableVersion: string | undefined;
  /** approval-gate's decision record, kept in the Deployment payload (input `approval`). */
  approval: ApprovalRecord | undefined;
  /** The environment deployed to (`production` unless the step says otherwise). */
  environment: string;
  /** How traffic moves. */
  provider: ProviderSettings;
  /** Where nginx runs, when on another host. */
  ssh: SshSettings | undefined;
  /** The stage plan and what to do on failure or without data. */
  rollout: RolloutSettings;
  /** The judge and its limits. */
  judge: { kind: 'statistical' | 'threshold'; limits: ThresholdLimits; statistical: StatisticalSettings };
  /** Where the metrics come from. */
  metrics: MetricsSettings;
  /** Token for GitHub Deployments; undefined skips the records. */
  token: string | undefined;
  /** The service's URL, linked from the Deployment. */
  environmentUrl: string | undefined;
  /** Inputs that were given but have no effect with these settings (said as warnings, not ignored silently). */
  warnings: string[];
}

/** Limits only one judge reads: giving them to the other is a mistake worth saying. */
const THRESHOLD_ONLY = ['max-error-rate', 'max-p95-ms'] as const;
const STATISTICAL_ONLY = ['alpha'] as const;

function unusedInputs(inputs: Inputs, judge: 'statistical' | 'threshold'): string[] {
  const unused = judge === 'statistical' ? THRESHOLD_ONLY : STATISTICAL_ONLY;
  const other = judge === 'statistical' ? 'threshold' : 'statistical';
  return unused
    .filter((name) => inputs.given(name))
    .map(
      (name) => `Input '${name}' is set but only the ${other} judge uses it (judge: ${judge}); it has no effect here.`,
    );
}

function provider(inputs: Inputs): ProviderSettings {
  const kind = inputs.get('provider');
  switch (kind) {
    case 'nginx': {
      const stableTargets = inputs.require(
        'stable-targets',
        "the stable version's servers as host:port, comma-separated (provider: nginx)",
      );
      const canaryTargets = inputs.require(
        'canary-targets',
        "the canary's servers as host:port, comma-separated (provider: nginx)",
      );
      const baselineTargets = inputs.get('baseline-targets');
      checkTargets(stableTargets, canaryTargets, baselineTargets);
      return {
        kind,
        stableTargets,
        canaryTargets,
        ...(baselineTargets ? { baselineTargets } : {}),
        ...readNginxSettings(inputs),
      };
    }
    case 'command': {
      if (inputs.given('baseline-targets'))
        throw inputs.error('baseline-targets', 'baseline-targets only with provider: nginx (it writes the weights)');
      const promote = inputs.get('promote-command');
      const abort = inputs.get('abort-command');
      const setWeight = inputs.require(
        'set-weight-command',
        'a command line, such as ./deploy/set-weight.sh {weight} {version} (provider: command)',
      );
      return {
        kind,
        setWeightCommand: setWeight,
        ...(promote ? { promoteCommand: promote } : {}),
        ...(abort ? { abortCommand: abort } : {}),
      };
    }
    default:
      throw inputs.error('provider', 'one of: nginx, command');
  }
}

function metrics(context: Context, prov: ProviderSettings, env: NodeJS.ProcessEnv): MetricsSettings {
  const inputs = context.inputs;
  const prometheusUrl = inputs.get('prometheus-url')?.toString().replace(/\/+$/, '');
  const defaults: MetricSource[] = [
    ...(prometheusUrl ? ['prometheus' as const] : []),
    ...(inputs.given('nginx-access-log') ? ['nginx-log' as const] : []),
    ...(inputs.given('probes') ? ['probes' as const] : []),
  ];
  const sources = (inputs.get('metrics') ?? defaults) as MetricSource[];
  if (sources.length === 0) {
    throw inputs.error(
      'metrics',
      'one or more of: prometheus, nginx-log, probes',
      'Set prometheus-url, nginx-access-log or probes so the canary can be measured.',
    );
  }
  if (prov.kind === 'nginx' && prov.baselineTargets && sources.some((s) => s !== 'nginx-log')) {
    throw inputs.error(
      'metrics',
      'nginx-log alone with baseline-targets (it is the source that tells the baseline apart from stable)',
    );
  }
  const result: MetricsSettings = { sources };
  if (sources.includes('prometheus')) {
    // Credentials in the URL travel as an Authorization header; the URL shown anywhere has none.
    const { url, authorization } = withoutCredentials(
      inputs.require(
        'prometheus-url',
        'the Prometheus server URL, such as http://prometheus:9090 (metrics includes prometheus)',
      ),
    );
    const canaryQuery = inputs.get('prometheus-canary-query');
    const baselineQuery = inputs.get('prometheus-baseline-query');
    result.prometheus = {
      url,
      ...(authorization ? { authorization } : {}),
      versionLabel: inputs.get('prometheus-version-label'),
      ...(canaryQuery ? { canaryQuery } : {}),
      ...(baselineQuery ? { baselineQuery } : {}),
    };
  }
  if (sources.includes('nginx-log')) {
    if (prov.kind !== 'nginx')
      throw inputs.error(
        'metrics',
        'nginx-log only with provider: nginx (it tells canary from stable by the upstream servers)',
      );
    result.nginxAccessLog = inputs.require(
      'nginx-access-log',
      "the path of the nginx access log written with Shipgate's log format (metrics includes nginx-log)",
    );
  }
  if (sources.includes('probes')) {
    const firstTarget = (list: string[]): string | undefined =>
      list[0] && !list[0].startsWith('unix:') ? `http://${list[0]}` : undefined;
    const canaryUrl =
      inputs.get('canary-url')?.toString() ?? (prov.kind === 'nginx' ? firstTarget(prov.canaryTargets) : undefined);
    const stableUrl =
      inputs.get('stable-url')?.toString() ?? (prov.kind === 'nginx' ? firstTarget(prov.stableTargets) : undefined);
    if (!canaryUrl) throw inputs.error('canary-url', "the canary's own URL (metrics includes probes)");
    if (!stableUrl) throw inputs.error('stable-url', "the stable version's own URL (metrics includes probes)");
    const file = context.file('probes');
    if (!file?.given) throw inputs.error('probes', 'a probe file (metrics includes probes)');
    const suite = loadProbeSuite(
      { text: readFileSync(file.path, 'utf8'), shown: file.shown },
      childEnvironment(env),
      (secret) => context.secrets.add(secret),
    );
    result.probes = { suite, canaryUrl: canaryUrl.replace(/\/+$/, ''), stableUrl: stableUrl.replace(/\/+$/, '') };
  }
  return result;
}

/** Reads every input and the files they name; a wrong value fails here, naming the input, before any traffic moves. */
export function parseSettings(context: Context, env: NodeJS.ProcessEnv = process.env): CanarySettings {
  const inputs = context.inputs;
  const environment = context.environment ?? 'production';
  const version = inputs.get('version');
  const prov = provider(inputs);
  const stageDurationMs = inputs.get('stage-duration');
  const analysisIntervalMs = inputs.get('analysis-interval');
  if (analysisIntervalMs > stageDurationMs) {
    throw inputs.error(
      'analysis-interval',
      `a duration no longer than stage-duration (${inputs.raw('stage-duration')?.value ?? '2m'})`,
    );
  }
  const warmUpMs = inputs.get('warm-up') ?? defaultWarmUpMs(stageDurationMs);
  if (warmUpMs > stageDurationMs / 2) {
    throw inputs.error(
      'warm-up',
      `a duration of at most half of stage-duration (${inputs.raw('stage-duration')?.value ?? '2m'}), so that every stage is judged for latency`,
    );
  }
  const stages = inputs.get('stages');
  const baseline = prov.kind === 'nginx' && prov.baselineTargets !== undefined;
  if (baseline && stages.some((w) => w > MAX_BASELINE_WEIGHT && w < 100)) {
    throw inputs.error(
      'stages',
      `weights up to ${MAX_BASELINE_WEIGHT} before the final 100, such as 5,10,25,50,100 (with baseline-targets, stable keeps 100 - 2 × weight)`,
    );
  }
  const defaults = ['development', 'staging', 'production'].includes(environment)
    ? thresholdsFor(environment)
    : { maxErrorRate: 5, maxP95Ms: 5000 };
  const rollout: RolloutSettings = {
    version,
    stages,
    stageDurationMs,
    analysisIntervalMs,
    minSamples: inputs.get('min-samples'),
    maxExtensionMs: inputs.get('max-extension'),
    onFailure: inputs.get('on-failure'),
    onNoData: inputs.get('on-no-data'),
    maxMetricsFailures: inputs.get('max-metrics-failures'),
    comparison: baseline ? 'baseline' : 'stable',
  };
  const judgeKind = inputs.get('judge');
  const analysedStages = stages.filter((w) => w < 100).length;
  const looksPerStage =
    Math.ceil(stageDurationMs / analysisIntervalMs) + Math.ceil(rollout.maxExtensionMs / analysisIntervalMs);
  const latencyTolerance = inputs.get('max-latency-increase') / 100;
  const latencyFloorMs = inputs.get('min-latency-increase-ms');
  return {
    version,
    stableVersion: inputs.get('stable-version'),
    approval: parseApproval(inputs),
    environment,
    provider: prov,
    ssh: readSshSettings(inputs),
    rollout,
    judge: {
      kind: judgeKind,
      limits: {
        maxErrorRate: (inputs.get('max-error-rate') ?? defaults.maxErrorRate) / 100,
        maxP95Ms: inputs.get('max-p95-ms') ?? defaults.maxP95Ms,
        maxErrorRateIncrease: inputs.get('max-error-rate-increase') / 100,
        maxLatencyIncrease: latencyTolerance,
        latencyFloorMs,
        warmUpMs,
      },
      statistical: {
        alpha: inputs.get('alpha'),
        detectErrorRatio: 2,
        errorRatioTolerance: 1,
        latencyTolerance,
        latencyFloorMs,
        errorRateFloor: inputs.get('max-error-rate-increase') / 100,
        warmUpMs,
        plannedLooks: Math.max(1, analysedStages * looksPerStage),
      },
    },
    metrics: metrics(context, prov, env),
    token: inputs.get('token'),
    environmentUrl: inputs.get('environment-url')?.toString(),
    warnings: unusedInputs(inputs, judgeKind),
  };
}

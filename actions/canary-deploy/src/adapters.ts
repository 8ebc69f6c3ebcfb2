import { systemClock, type ActionContext, type ResourceScope } from '@shipgate/kit';
import {
  createStatisticalJudge,
  createThresholdJudge,
  type Judge,
  type MetricsProvider,
  type TrafficProvider,
} from '@shipgate/canary';
import type { Clock } from '@shipgate/core';
import { LocalShell, type Shell } from '@shipgate/exec';
import { createGitHubClient, GitHubDeploymentStore } from '@shipgate/github';
import { DeploymentRecorder, type DeploymentStore } from '@shipgate/history';
import {
  combineMetrics,
  createLocalLogReader,
  createNginxLogMetrics,
  createProbeMetrics,
  createPrometheusMetrics,
  shellLogReader,
} from '@shipgate/metrics';
import { createNetTransport } from '@shipgate/net';
import { checkNginxFiles, CommandTrafficProvider, NginxTrafficProvider, openShell } from '@shipgate/traffic';
import type { ACTION } from './inputs.js';
import type { CanarySettings } from './settings.js';

type Context = ActionContext<typeof ACTION.inputs>;

/** The shell nginx's commands and files go through (this runner, or the host over SSH), closed with the scope. */
export async function openSettingsShell(
  settings: CanarySettings,
  context: Context,
  scope: ResourceScope,
): Promise<Shell> {
  const shell = await openShell(settings.ssh, {
    warn: (message) => context.warning(message),
    tempDir: context.runner.temp,
  });
  return scope.adopt(shell, (s) => s.close());
}

/** Checks on the nginx host what the inputs name there (reads only), before any record or traffic change. */
export async function checkHost(settings: CanarySettings, shell: Shell): Promise<void> {
  const p = settings.provider;
  if (p.kind !== 'nginx') return;
  await checkNginxFiles(shell, {
    upstreamFile: p.upstreamFile,
    pidFile: p.pidFile,
    accessLog: settings.metrics.nginxAccessLog,
  });
}

/** The traffic provider the settings name. */
export function createTraffic(settings: CanarySettings, shell: Shell): TrafficProvider {
  const p = settings.provider;
  switch (p.kind) {
    case 'nginx':
      return new NginxTrafficProvider({
        shell,
        upstream: p.upstream,
        upstreamFile: p.upstreamFile,
        stableTargets: p.stableTargets,
        canaryTargets: p.canaryTargets,
        ...(p.baselineTargets ? { baselineTargets: p.baselineTargets } : {}),
        testCommand: p.testCommand,
        reloadCommand: p.reloadCommand,
        split: p.split,
        ...(p.pidFile ? { pidFile: p.pidFile } : {}),
      });
    case 'command':
      // User commands run on the runner (they reach the platform themselves).
      return new CommandTrafficProvider({
        shell: new LocalShell(),
        setWeightCommand: p.setWeightCommand,
        ...(p.promoteCommand ? { promoteCommand: p.promoteCommand } : {}),
        ...(p.abortCommand ? { abortCommand: p.abortCommand } : {}),
      });
    default:
      throw new Error(`Unknown provider ${String((p as { kind: string }).kind)}: expected nginx or command`);
  }
}

/** The metrics providers the settings name, combined into one; what they hold is released with the scope. */
export function createMetrics(
  settings: CanarySettings,
  shell: Shell,
  stableVersion: string | undefined,
  scope: ResourceScope,
  mask: (secret: string) => void = () => undefined,
): MetricsProvider {
  const providers: MetricsProvider[] = [];
  const m = settings.metrics;
  if (m.prometheus) {
    const queries = {
      ...(m.prometheus.canaryQuery ? { canaryErrors: m.prometheus.canaryQuery } : {}),
      ...(m.prometheus.baselineQuery ? { baselineErrors: m.prometheus.baselineQuery } : {}),
    };
    providers.push(
      createPrometheusMetrics({
        url: m.prometheus.url,
        ...(m.prometheus.authorization ? { headers: { authorization: m.prometheus.authorization } } : {}),
        versionLabel: m.prometheus.versionLabel,
        canary: { version: settings.version },
        stable: { version: stableVersion ?? 'stable' },
        ...(Object.keys(queries).length ? { queries } : {}),
      }),
    );
  }
  if (m.nginxAccessLog && settings.provider.kind === 'nginx') {
    const reader = settings.ssh ? shellLogReader(shell) : createLocalLogReader();
    providers.push(
      createNginxLogMetrics({
        reader,
        path: m.nginxAccessLog,
        canaryTargets: settings.provider.canaryTargets,
        stableTargets: settings.provider.stableTargets,
        ...(settings.provider.baselineTargets ? { baselineTargets: settings.provider.baselineTargets } : {}),
      }),
    );
  }
  if (m.probes) {
    const transport = scope.use(createNetTransport());
    providers.push(
      createProbeMetrics({
        probes: m.probes.suite.probes,
        canaryBaseUrl: m.probes.canaryUrl,
        stableBaseUrl: m.probes.stableUrl,
        transport,
        onSecret: mask,
      }),
    );
  }
  return combineMetrics(providers);
}

/** The judge the settings name. */
export function createJudge(settings: CanarySettings): Judge {
  return settings.judge.kind === 'statistical'
    ? createStatisticalJudge(settings.judge.statistical)
    : createThresholdJudge(settings.judge.limits);
}

/** GitHub Deployments, when there is a token and a repository. */
export function createDeploymentStore(settings: CanarySettings, context: Context): DeploymentStore | undefined {
  if (!settings.token || !context.runner.repository) return undefined;
  const client = createGitHubClient({
    token: settings.token,
    baseUrl: context.runner.apiUrl,
    mask: (s) => context.secrets.add(s),
    log: (m) => context.debug(m),
  });
  return new GitHubDeploymentStore(client, context.runner.repository);
}

/** The recorder of this rollout's Deployment: links to the run and the service, redacted texts, warnings on failure. */
export function createRecorder(
  store: DeploymentStore | undefined,
  settings: CanarySettings,
  context: Context,
): DeploymentRecorder {
  const links = {
    ...(context.runner.runUrl ? { logUrl: context.runner.runUrl } : {}),
    ...(settings.environmentUrl ? { environmentUrl: settings.environmentUrl } : {}),
  };
  return new DeploymentRecorder(store, {
    links,
    redact: (text) => context.secrets.redact(text),
    warn: (message) => context.warning(message),
  });
}

/** The side effects canary-deploy's run has, in one place: real ones here, fakes in its in-process tests. */
export interface CanaryAdapters {
  /** GitHub Deployments, or undefined without a token. */
  deploymentStore(settings: CanarySettings, context: Context): DeploymentStore | undefined;
  /** The shell nginx's commands go through, released with the scope. */
  shell(settings: CanarySettings, context: Context, scope: ResourceScope): Promise<Shell>;
  /** Read-only checks on the nginx host. */
  checkHost(settings: CanarySettings, shell: Shell): Promise<void>;
  traffic(settings: CanarySettings, shell: Shell): TrafficProvider;
  metrics(
    settings: CanarySettings,
    shell: Shell,
    stableVersion: string | undefined,
    scope: ResourceScope,
    /** Masks a secret the metrics learn while running (a value a probe flow captured). */
    mask?: (secret: string) => void,
  ): MetricsProvider;
  /** Epoch milliseconds and sleeps for the rollout. */
  clock: Clock;
}

/** The real adapters. */
export const SYSTEM_ADAPTERS: CanaryAdapters = {
  deploymentStore: createDeploymentStore,
  shell: openSettingsShell,
  checkHost,
  traffic: createTraffic,
  metrics: createMetrics,
  clock: systemClock,
};

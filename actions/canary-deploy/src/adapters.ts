import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ActionContext } from '@shipgate/kit';
import type { MetricsProvider, TrafficProvider } from '@shipgate/canary';
import { LocalShell } from '@shipgate/exec';
import type { Shell } from '@shipgate/exec';
import { createGitHubClient } from '@shipgate/github';
import { GitHubDeploymentStore } from '@shipgate/github';
import type { DeploymentStore } from '@shipgate/history';
import { combineMetrics, createLocalLogReader, createNginxLogMetrics, createProbeMetrics, createPrometheusMetrics, shellLogReader } from '@shipgate/metrics';
import { createNetTransport } from '@shipgate/net';
import { parseProbeFile } from '@shipgate/probes';
import { CommandTrafficProvider, NginxTrafficProvider, openShell } from '@shipgate/traffic';
import type { CanarySettings } from './settings.js';

/** The shell nginx's commands and files go through: this runner, or the host over SSH. */
export function openSettingsShell(settings: CanarySettings, context: ActionContext): Promise<Shell> {
  return openShell(settings.ssh, { warn: (message) => context.warning(message), tempDir: context.runner.temp });
}

/** The traffic provider the settings name. */
export function createTraffic(settings: CanarySettings, shell: Shell): TrafficProvider {
  const p = settings.provider;
  switch (p.kind) {
    case 'nginx':
      return new NginxTrafficProvider({ shell, upstream: p.upstream, upstreamFile: p.upstreamFile, stableTargets: p.stableTargets, canaryTargets: p.canaryTargets, testCommand: p.testCommand, reloadCommand: p.reloadCommand, split: p.split, ...(p.pidFile ? { pidFile: p.pidFile } : {}) });
    case 'command':
      // User commands run on the runner (they reach the platform themselves).
      return new CommandTrafficProvider({ shell: new LocalShell(), setWeightCommand: p.setWeightCommand, ...(p.promoteCommand ? { promoteCommand: p.promoteCommand } : {}), ...(p.abortCommand ? { abortCommand: p.abortCommand } : {}) });
    default:
      throw new Error(`Unknown provider ${String((p as { kind: string }).kind)}`);
  }
}

/** The metrics providers the settings name, combined into one. */
export function createMetrics(settings: CanarySettings, shell: Shell, context: ActionContext, stableVersion: string | undefined): { metrics: MetricsProvider; close(): void } {
  const providers: MetricsProvider[] = [];
  const closers: (() => void)[] = [];
  const m = settings.metrics;
  if (m.prometheus) {
    providers.push(
      createPrometheusMetrics({
        url: m.prometheus.url,
        versionLabel: m.prometheus.versionLabel,
        canary: { version: settings.version },
        stable: { version: stableVersion ?? 'stable' },
        ...(m.prometheus.canaryQuery || m.prometheus.baselineQuery ? { queries: { ...(m.prometheus.canaryQuery ? { canaryErrors: m.prometheus.canaryQuery } : {}), ...(m.prometheus.baselineQuery ? { baselineErrors: m.prometheus.baselineQuery } : {}) } } : {}),
      }),
    );
  }
  if (m.nginxAccessLog && settings.provider.kind === 'nginx') {
    const reader = settings.ssh ? shellLogReader(shell) : createLocalLogReader();
    providers.push(createNginxLogMetrics({ reader, path: m.nginxAccessLog, canaryTargets: settings.provider.canaryTargets, stableTargets: settings.provider.stableTargets }));
  }
  if (m.probes) {
    const file = resolve(context.workingDirectory, m.probes.file);
    const suite = parseProbeFile(readFileSync(file, 'utf8'), m.probes.file, { env: process.env });
    for (const secret of suite.secrets) context.secrets.add(secret);
    const transport = createNetTransport();
    closers.push(() => transport.close());
    providers.push(createProbeMetrics({ probes: suite.probes, canaryBaseUrl: m.probes.canaryUrl, stableBaseUrl: m.probes.stableUrl, transport }));
  }
  return { metrics: combineMetrics(providers), close: () => closers.forEach((close) => close()) };
}

/** GitHub Deployments, when there is a token. */
export function createDeployments(settings: CanarySettings, context: ActionContext): DeploymentStore | undefined {
  if (!settings.token || !context.runner.repository) return undefined;
  const client = createGitHubClient({ token: settings.token, baseUrl: context.runner.apiUrl, mask: (s) => context.secrets.add(s), log: (m) => context.debug(m) });
  return new GitHubDeploymentStore(client, context.runner.repository);
}

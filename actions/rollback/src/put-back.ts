import { ExecError, ShipgateError, systemClock } from '@shipgate/kit';
import { renderArgv } from '@shipgate/core';
import type { Shell } from '@shipgate/exec';
import type { ProbeTransport } from '@shipgate/probes';
import { NginxTrafficProvider } from '@shipgate/traffic';
import { checkServers, describeUnhealthy, waitForServers } from './health.js';
import type { RollbackSettings } from './settings.js';

/** What happened before and during the switch, for the summary. */
export interface PutBackSteps {
  started: boolean;
  health: string;
}

/**
 * Makes sure the old version serves (starting it with deploy-command when its servers do not answer), then
 * moves all traffic to it. Traffic moves only once the old servers are healthy: nothing is ever left serving
 * nothing. Throws, with traffic untouched, when the old version cannot be made to serve.
 */
export async function putBack(
  version: string,
  servers: { target: string[]; current: string[] } | undefined,
  settings: RollbackSettings,
  shell: Shell,
  transport: ProbeTransport,
  log: (message: string) => void,
): Promise<PutBackSteps> {
  const steps: PutBackSteps = { started: false, health: 'not checked (command provider)' };
  if (servers) {
    // Emergency skips waiting on a slow check; one quick look still stops a switch to servers that are down.
    let health = await checkServers(servers.target, settings.healthPath, transport, settings.emergency ? 1000 : 3000);
    if (!health.every((h) => h.healthy)) {
      if (!settings.deployCommand) {
        throw new ShipgateError(
          `The servers of ${version} are not serving (${describeUnhealthy(health)}), so traffic was left where it was.`,
          { hint: `Start ${version} there, or set deploy-command to start it (templated with {version}).` },
        );
      }
      log(`The servers of ${version} are not serving (${describeUnhealthy(health)}): running deploy-command.`);
      await runCommand(renderArgv(settings.deployCommand, { version }), shell, 'deploy-command');
      steps.started = true;
      health = await waitForServers(
        servers.target,
        settings.healthPath,
        transport,
        systemClock.now() + settings.healthTimeoutMs,
        systemClock,
      );
      if (!health.every((h) => h.healthy)) {
        throw new ShipgateError(
          `deploy-command ran, but the servers of ${version} did not become healthy within ${Math.round(settings.healthTimeoutMs / 1000)} s (${describeUnhealthy(health)}); traffic was left where it was.`,
          { hint: `Check ${settings.healthPath} on ${servers.target.join(', ')}.` },
        );
      }
    }
    steps.health = `${servers.target.join(', ')} healthy on ${settings.healthPath}${steps.started ? ' after deploy-command' : ''}`;
  }
  const p = settings.provider;
  if (p.kind === 'nginx' && servers) {
    // Rollback is a promotion of the old version: the current servers are the "stable" side, the old the "canary".
    const provider = new NginxTrafficProvider({
      shell,
      upstream: p.upstream,
      upstreamFile: p.upstreamFile,
      stableTargets: servers.current,
      canaryTargets: servers.target,
      testCommand: p.testCommand,
      reloadCommand: p.reloadCommand,
      split: p.split,
      ...(p.pidFile ? { pidFile: p.pidFile } : {}),
    });
    await provider.promote({ version, stage: 0 });
  } else if (p.kind === 'command') {
    await runCommand(renderArgv(p.rollbackCommand, { version }), shell, 'rollback-command');
  }
  return steps;
}

async function runCommand(argv: string[], shell: Shell, input: string): Promise<void> {
  const result = await shell.run(argv, { timeoutMs: 600_000 });
  if (result.code !== 0)
    throw new ExecError(argv.join(' '), result.code, result.stderr || result.stdout, {
      hint: `The ${input} failed; traffic was left where it was.`,
    });
}

/**
 * A real rollout setup for the traffic tests: two app servers (stable, canary) behind the nginx fixture,
 * with the file Shipgate owns included at http level and a `/rollout/` location proxying to it. The
 * fixture's own upstream block (`fixture_default`, serving `/`) is left alone.
 */
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { onTestFinished } from 'vitest';
import { parseCommandLine } from '@shipgate/core';
import { LocalShell } from '@shipgate/exec';
import type { Shell } from '@shipgate/exec';
import { SshShell } from '@shipgate/exec';
import { renderUpstream, stickyVariable } from '@shipgate/traffic';
import { NginxTrafficProvider, type NginxTrafficOptions } from '@shipgate/traffic';
import type { SplitMode } from '@shipgate/traffic';
import {
  createTempDir,
  startAppServer,
  startNginx,
  startSshd,
  useService,
  type AppServer,
  type Nginx,
  type Sshd,
} from '../support/services/index.js';

/** The running pieces of one rollout. */
export interface Rollout {
  nginx: Nginx;
  stable: AppServer;
  canary: AppServer;
  /** The file the provider owns. */
  file: string;
  /** `<nginx>/rollout/`: proxied to the provider's upstream. */
  url: string;
  /** The provider options for this nginx, minus the shell. */
  options: Omit<NginxTrafficOptions, 'shell'>;
}

/** Starts the app servers and nginx, with the provider's file written at 0% first (nginx needs it to start). */
export async function startRollout(split: SplitMode = { mode: 'weighted' }): Promise<Rollout> {
  const stable = await useService(startAppServer({ version: 'stable' }));
  const canary = await useService(startAppServer({ version: 'canary' }));
  const dir = createTempDir('traffic');
  onTestFinished(() => dir.remove());
  const file = dir.join('app-upstream.conf');
  const spec = { upstream: 'app', stableTargets: [stable.address], canaryTargets: [canary.address], split };
  writeFileSync(file, renderUpstream(spec, 0));
  const target = split.mode === 'sticky' ? stickyVariable('app') : 'app';
  const nginx = await useService(
    startNginx({
      upstream: [{ address: stable.address }],
      upstreamName: 'fixture_default',
      httpConfig: `include ${file};`,
      serverConfig: `location /rollout/ {\n  proxy_pass http://${target};\n}`,
    }),
  );
  return {
    nginx,
    stable,
    canary,
    file,
    url: `${nginx.url}/rollout/`,
    options: {
      ...spec,
      upstreamFile: file,
      testCommand: parseCommandLine(nginx.testCommand),
      reloadCommand: parseCommandLine(nginx.reloadCommand),
      pidFile: nginx.pidFile,
    },
  };
}

/** Opens an SshShell as root on the sshd fixture (it reaches the same files and nginx as a local shell). */
export async function openSshShell(sshd?: Sshd): Promise<SshShell> {
  const server = sshd ?? (await useService(startSshd()));
  const shell = await SshShell.open({
    host: server.host,
    port: server.port,
    user: server.user,
    privateKey: server.privateKey,
    knownHosts: server.knownHostsLine,
  });
  onTestFinished(() => shell.close());
  return shell;
}

/** The two ways the provider reaches nginx. */
export const SHELLS: [string, () => Promise<Shell>][] = [
  ['local', async () => new LocalShell()],
  ['ssh', () => openSshShell()],
];

/** Builds the provider for a rollout on a shell. */
export function providerFor(
  rollout: Rollout,
  shell: Shell,
  overrides: Partial<NginxTrafficOptions> = {},
): NginxTrafficProvider {
  return new NginxTrafficProvider({ ...rollout.options, shell, ...overrides });
}

/** One GET on a fresh connection; resolves with the `x-app-version` header. */
export function versionOf(url: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers }, (res) => {
      res.resume();
      res.once('end', () =>
        res.statusCode === 200
          ? resolve(String(res.headers['x-app-version']))
          : reject(new Error(`HTTP ${res.statusCode} from ${url}`)),
      );
    });
    req.once('error', reject);
    req.end();
  });
}

/** Sends `count` sequential requests and counts the versions that answered. */
export async function countVersions(
  url: string,
  count: number,
  headers: (i: number) => Record<string, string> = () => ({}),
): Promise<{ stable: number; canary: number }> {
  const seen = { stable: 0, canary: 0 };
  for (let i = 0; i < count; i++) {
    const version = await versionOf(url, headers(i));
    if (version !== 'stable' && version !== 'canary') throw new Error(`unexpected version ${version}`);
    seen[version]++;
  }
  return seen;
}

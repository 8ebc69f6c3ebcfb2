import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '@shipgate/core';
import { LocalShell } from '@shipgate/exec';
import { SshShell } from '@shipgate/exec';
import { InputError } from '@shipgate/core';
import { NginxTrafficProvider } from '@shipgate/traffic';
import { TrafficError } from '@shipgate/traffic';
import { countVersions, providerFor, SHELLS, startRollout, versionOf } from './rollout-harness.js';
import { startAppServer, startNginx, startSshd, useService } from '../support/services/index.js';

const context = { version: 'v2', stage: 1 };

// Each command over SSH starts root's login shell (about 0.6 s on these machines), so the ssh variant needs more
// time than the default test timeout; this is a limit on the test, not an assertion on speed.
const SLOW_SHELL_MS = 600_000; // 241 s at a load average of 25 with a second test run beside it

describe.each(SHELLS)('NginxTrafficProvider driving a real nginx (%s shell)', (_name, openShell) => {
  it(
    'splits exactly by weight at every stage with weighted round-robin',
    async () => {
      const rollout = await startRollout();
      const provider = providerFor(rollout, await openShell());
      expect(await countVersions(rollout.url, 20)).toEqual({ stable: 20, canary: 0 });
      const seen: Record<number, { stable: number; canary: number }> = {};
      for (const weight of [5, 10, 25, 50, 100]) {
        await provider.setWeight(weight, context);
        seen[weight] = await countVersions(rollout.url, 200);
      }
      expect(seen).toEqual({
        5: { stable: 190, canary: 10 },
        10: { stable: 180, canary: 20 },
        25: { stable: 150, canary: 50 },
        50: { stable: 100, canary: 100 },
        100: { stable: 0, canary: 200 },
      });
      expect(readFileSync(rollout.file, 'utf8')).toMatch(/^# Managed by Shipgate/);
      await provider.setWeight(0, context);
      expect(await countVersions(rollout.url, 200)).toEqual({ stable: 200, canary: 0 });
    },
    SLOW_SHELL_MS,
  );

  it(
    'promotes to all canary and aborts to all stable, any number of times',
    async () => {
      const rollout = await startRollout();
      const provider = providerFor(rollout, await openShell());
      await provider.promote({ version: 'v2', stage: 0 });
      expect(await countVersions(rollout.url, 40)).toEqual({ stable: 0, canary: 40 });
      await provider.abort({ version: 'v2', stage: 0 });
      await provider.abort({ version: 'v2', stage: 0 });
      expect(await countVersions(rollout.url, 40)).toEqual({ stable: 40, canary: 0 });
      expect(readFileSync(rollout.file, 'utf8')).not.toContain(rollout.canary.address);
    },
    SLOW_SHELL_MS,
  );

  it(
    'restores the previous file when nginx -t fails, and nginx keeps serving the previous split',
    async () => {
      const rollout = await startRollout();
      const shell = await openShell();
      await providerFor(rollout, shell).setWeight(25, context);
      const before = readFileSync(rollout.file, 'utf8');
      // A canary target nginx rejects: a host name that does not resolve (.invalid is reserved for that).
      const broken = providerFor(rollout, shell, { canaryTargets: ['canary.no-such-host.invalid:8080'] });
      const error = await broken.setWeight(50, context).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TrafficError);
      expect((error as TrafficError).message).toMatch(
        /nginx rejected the upstream file for canary weight 50%; the previous file is back/,
      );
      expect((error as TrafficError).output).toMatch(
        /\[emerg\] host not found in upstream "canary\.no-such-host\.invalid:8080"/,
      );
      expect(readFileSync(rollout.file, 'utf8')).toBe(before);
      expect((await rollout.nginx.test()).ok).toBe(true);
      expect(await countVersions(rollout.url, 200)).toEqual({ stable: 150, canary: 50 });
    },
    SLOW_SHELL_MS,
  );

  it(
    'keeps each client on one side with sticky splitting, close to the weight over many clients',
    async () => {
      const rollout = await startRollout({ mode: 'sticky', key: '$http_x_client_id' });
      const provider = providerFor(rollout, await openShell());
      const clients = Array.from({ length: 400 }, (_, i) => `client-${i}`);
      const sides = async () => {
        const side = new Map<string, string>();
        for (const id of clients) side.set(id, await versionOf(rollout.url, { 'x-client-id': id }));
        return side;
      };
      await provider.setWeight(25, context);
      const first = await sides();
      const canaryAt25 = clients.filter((id) => first.get(id) === 'canary');
      expect(canaryAt25.length).toBeGreaterThan(70);
      expect(canaryAt25.length).toBeLessThan(130);
      // Asked again, every client lands where it did.
      expect(await sides()).toEqual(first);
      // A client on the canary stays there as the weight grows.
      await provider.setWeight(50, context);
      const second = await sides();
      expect(canaryAt25.every((id) => second.get(id) === 'canary')).toBe(true);
      expect(clients.filter((id) => second.get(id) === 'canary').length).toBeGreaterThan(160);
      await provider.setWeight(100, context);
      expect(new Set((await sides()).values())).toEqual(new Set(['canary']));
      await provider.abort(context);
      expect(new Set((await sides()).values())).toEqual(new Set(['stable']));
      // A split key nginx does not know fails nginx -t; the sticky split stays as it was.
      const typo = providerFor(rollout, await openShell(), { split: { mode: 'sticky', key: '$no_such_variable' } });
      await expect(typo.setWeight(10, context)).rejects.toThrow(/unknown "no_such_variable" variable/);
      expect(new Set((await sides()).values())).toEqual(new Set(['stable']));
    },
    SLOW_SHELL_MS,
  );
});

describe('NginxTrafficProvider with the servers layout', () => {
  it("rewrites server lines inside the site's own upstream block (the nginx fixture's upstream file)", async () => {
    const stable = await useService(startAppServer({ version: 'stable' }));
    const canary = await useService(startAppServer({ version: 'canary' }));
    const nginx = await useService(startNginx({ upstream: [{ address: stable.address }] }));
    const provider = new NginxTrafficProvider({
      shell: new LocalShell(),
      layout: 'servers',
      upstream: 'app',
      upstreamFile: nginx.upstreamFile,
      stableTargets: [stable.address],
      canaryTargets: [canary.address],
      split: { mode: 'weighted' },
      testCommand: parseCommandLine(nginx.testCommand),
      reloadCommand: parseCommandLine(nginx.reloadCommand),
      pidFile: nginx.pidFile,
    });
    await provider.setWeight(25, context);
    expect(readFileSync(nginx.upstreamFile, 'utf8')).not.toContain('upstream app');
    expect(await countVersions(`${nginx.url}/`, 200)).toEqual({ stable: 150, canary: 50 });
    const log = await nginx.readAccessLog();
    expect(new Set(log.flatMap((e) => e.upstreams))).toEqual(new Set([stable.address, canary.address]));
  });
});

describe('bad inputs', () => {
  it('fail with clear errors before any traffic moves', async () => {
    const rollout = await startRollout();
    await providerFor(rollout, new LocalShell()).setWeight(25, context);
    const before = readFileSync(rollout.file, 'utf8');
    const sshd = await useService(startSshd());
    const unreadable = SshShell.open({
      host: sshd.host,
      port: sshd.port,
      user: sshd.user,
      knownHosts: sshd.knownHostsLine,
      privateKey: 'AAAA this is not a key',
    });
    await expect(unreadable).rejects.toThrow(InputError);
    await expect(unreadable).rejects.toThrow(
      /^Input 'ssh-key' is not a private key: expected a block from '-----BEGIN OPENSSH PRIVATE KEY-----'/,
    );
    expect(() => providerFor(rollout, new LocalShell(), { canaryTargets: [] })).toThrow(
      /^Input 'canary-targets' is required/,
    );
    expect(() => providerFor(rollout, new LocalShell(), { stableTargets: ['10.0.0.5'] })).toThrow(
      `Input 'stable-targets' has an invalid value "10.0.0.5": expected host:port`,
    );
    expect(readFileSync(rollout.file, 'utf8')).toBe(before);
    expect(await countVersions(rollout.url, 200)).toEqual({ stable: 150, canary: 50 });
  });
});

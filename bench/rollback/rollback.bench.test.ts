import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { it } from 'vitest';
import { renderUpstream } from '@shipgate/traffic';
import { startGitHubEmulator } from '../../test/support/github-emulator/index.js';
import { repoRoot } from '../../test/support/paths.js';
import { runCommand, shellQuote } from '../../test/support/services/run-command.js';
import { createTempDir, startAppServer, startNginx, useService } from '../../test/support/services/index.js';
import { runAction } from '../../test/support/run-action.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const RATE = 200;

function getOnce(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, headers: { connection: 'close' }, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve(res.statusCode === 200 ? String(res.headers['x-app-version']) : `HTTP ${res.statusCode}`),
      );
    });
    req.on('error', (e) => resolve(`error ${e.message}`));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

/** Requests at a fixed rate (open model) until stopped; notes when the last non-`version` answer came. */
function client(url: string, version: string) {
  const start = performance.now();
  let sent = 0;
  let failed = 0;
  let lastOther = 0;
  let stopped = false;
  const inflight: Promise<void>[] = [];
  const done = (async () => {
    while (!stopped) {
      const due = Math.floor(((performance.now() - start) / 1000) * RATE);
      for (; sent < due; sent++) {
        const at = performance.now();
        inflight.push(
          getOnce(url).then((v) => {
            if (v.startsWith('error') || v.startsWith('HTTP')) failed++;
            if (v !== version) lastOther = Math.max(lastOther, at);
          }),
        );
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    await Promise.all(inflight);
  })();
  return { stop: async () => ((stopped = true), await done, { sent, failed, lastOther }) };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

it('rollback: time to the old version serving all traffic, and failed requests during the switch', async () => {
  const v1 = await useService(startAppServer({ version: 'v1' }));
  const v2 = await useService(startAppServer({ version: 'v2' }));
  const dir = createTempDir('bench-rollback');
  const upstreamFile = dir.join('shipgate-upstream.conf');
  const spec = {
    upstream: 'shipgate_app',
    stableTargets: [v1.address],
    canaryTargets: [v2.address],
    split: { mode: 'weighted' as const },
  };
  writeFileSync(upstreamFile, renderUpstream(spec, 100));
  const nginx = await useService(
    startNginx({
      upstream: [{ address: v2.address }],
      upstreamName: 'fixture_default',
      httpConfig: `include ${upstreamFile};`,
      serverConfig: 'location /rollout/ {\n  proxy_pass http://shipgate_app;\n}',
    }),
  );
  const url = `${nginx.url}/rollout/`;
  const toV2 = async () => {
    writeFileSync(upstreamFile, renderUpstream(spec, 100));
    await nginx.reload();
  };
  const bare: number[] = [];
  const shipgate: number[] = [];
  const failures: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A bare switch: rewrite the file and signal nginx, as a script would.
    await toV2();
    let c = client(url, 'v1');
    let t0 = performance.now();
    writeFileSync(upstreamFile, renderUpstream(spec, 0));
    await runCommand('sh', ['-c', nginx.reloadCommand]);
    await new Promise((r) => setTimeout(r, 1500)); // let the client observe the steady state after the switch
    let seen = await c.stop();
    bare.push(seen.lastOther - t0);

    // Shipgate: the committed rollback bundle, against a fresh history in the emulator.
    await toV2();
    const github = await startGitHubEmulator({ owner: 'octo-org', repo: 'octo-repo' });
    github.seedDeployment({
      environment: 'production',
      ref: 'r1',
      task: 'deploy:canary',
      payload: { shipgate: 2, version: 'v1', targets: [v1.address] },
      statuses: [{ state: 'success', autoInactive: false }],
    });
    github.seedDeployment({
      environment: 'production',
      ref: 'r2',
      task: 'deploy:canary',
      payload: { shipgate: 2, version: 'v2', targets: [v2.address] },
      statuses: [{ state: 'success', autoInactive: false }],
    });
    c = client(url, 'v1');
    t0 = performance.now();
    const run = await runAction(
      'rollback',
      {
        token: github.token,
        environment: 'production',
        'nginx-upstream-file': upstreamFile,
        'nginx-test-command': nginx.testCommand,
        'nginx-reload-command': nginx.reloadCommand,
        'allowed-targets': `${v1.address},${v2.address}`,
      },
      { env: { GITHUB_API_URL: github.url } },
    );
    await new Promise((r) => setTimeout(r, 1500));
    seen = await c.stop();
    await github.close();
    if (run.outputs.result !== 'rolled-back') throw new Error(`rollback did not roll back: ${run.stdout}`);
    shipgate.push(seen.lastOther - t0);
    failures.push(seen.failed);
  }
  const result = {
    benchmark: 'rollback',
    runs: RUNS,
    clientRatePerSecond: RATE,
    medianMs: { shipgateRollback: Math.round(median(shipgate)), bareReload: Math.round(median(bare)) },
    ratio: Number((median(shipgate) / median(bare)).toFixed(2)),
    failedRequestsDuringRollback: { total: failures.reduce((a, b) => a + b, 0), perRun: failures },
    note: 'Shipgate time includes starting the action on Node 24, reading the history from GitHub, checking the old servers, nginx -t and the reload; time is until the last request answered by the new version was sent.',
    command: shellQuote(['node', 'bench/rollback/run.js']),
  };
  mkdirSync(join(repoRoot, 'bench', 'results'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench', 'results', 'rollback.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
});

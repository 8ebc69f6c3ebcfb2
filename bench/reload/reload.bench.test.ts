// bench/reload: requests failed while nginx reloads again and again (as canary-deploy does at every stage),
// seen by two clients at once: one that opens a new connection per request, and one that keeps connections
// alive and, like browsers and undici, retries a GET once when the server closed the reused connection.
// nginx is the test fixture (the configuration canary-deploy's integration tests use) with the upstream file
// Shipgate renders, rewritten with a new weight before every reload.
import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { renderUpstream } from '@shipgate/traffic';
import { createTempDir, driveLoad, startAppServer, startNginx, useService } from '../../test/support/services/index.js';
import { writeResult } from '../results.js';

const RELOADS = Number(process.env.BENCH_RELOADS ?? 40);
const RATE = Number(process.env.BENCH_RATE ?? 50);
/** Extra directives in nginx's http block, to measure a setting (e.g. `keepalive_timeout 0;`). */
const EXTRA_HTTP = process.env.BENCH_NGINX_HTTP ?? '';

async function measure() {
  const stable = await useService(startAppServer({ version: 'v1' }));
  const canary = await useService(startAppServer({ version: 'v2' }));
  const dir = createTempDir('bench-reload');
  const upstreamFile = dir.join('shipgate-upstream.conf');
  const spec = {
    upstream: 'shipgate_app',
    stableTargets: [stable.address],
    canaryTargets: [canary.address],
    split: { mode: 'weighted' as const },
  };
  writeFileSync(upstreamFile, renderUpstream(spec, 0));
  const nginx = await useService(
    startNginx({
      upstream: [{ address: stable.address }],
      upstreamName: 'fixture_default',
      httpConfig: `include ${upstreamFile};\n${EXTRA_HTTP}`,
      serverConfig: 'location /rollout/ {\n  proxy_pass http://shipgate_app;\n}',
    }),
  );
  const url = `${nginx.url}/rollout/`;
  const stop = new AbortController();
  const long = { ratePerSecond: RATE, durationMs: 3_600_000, signal: stop.signal };
  const keepAlive = driveLoad({ url, ...long, connections: 'keep-alive' });
  const fresh = driveLoad({ url, ...long, connections: 'new' });
  const weights = [5, 25, 50, 100, 0];
  const started = performance.now();
  for (let i = 0; i < RELOADS; i++) {
    writeFileSync(upstreamFile, renderUpstream(spec, weights[i % weights.length] ?? 0));
    await nginx.reload(); // returns once the old workers have exited
    // Pacing: the clients settle onto the new workers' keep-alive connections before the next reload.
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
  }
  stop.abort();
  const [k, n] = await Promise.all([keepAlive, fresh]);
  const http5xx = (r: typeof k) => r.responses.filter((x) => x.status >= 500).length;
  dir.remove();
  return {
    reloads: RELOADS,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    newConnectionPerRequest: {
      requests: n.responses.length + n.networkErrors,
      failed: n.networkErrors,
      http5xx: http5xx(n),
    },
    keepAlive: {
      requests: k.responses.length + k.networkErrors,
      closedByServerBeforeRetry: k.retries,
      failedAfterRetry: k.networkErrors,
      http5xx: http5xx(k),
      errors: [...new Set(k.errors)],
    },
  };
}

it('reload: failed requests while nginx reloads, per client kind', async () => {
  const result = await measure();
  console.log(
    `${result.reloads} reloads in ${result.seconds} s at ${RATE} req/s per client\n` +
      `  new connection per request: ${result.newConnectionPerRequest.failed} failed, ${result.newConnectionPerRequest.http5xx} HTTP 5xx of ${result.newConnectionPerRequest.requests}\n` +
      `  keep-alive: ${result.keepAlive.closedByServerBeforeRetry} closed by nginx before the retry, ${result.keepAlive.failedAfterRetry} failed after it, ${result.keepAlive.http5xx} HTTP 5xx of ${result.keepAlive.requests}`,
  );
  writeResult('reload', { rate: RATE, extraHttpDirectives: EXTRA_HTTP, ...result });
  if (result.newConnectionPerRequest.failed + result.newConnectionPerRequest.http5xx > 0)
    throw new Error('a client opening a new connection per request saw failures during reloads');
  if (result.keepAlive.failedAfterRetry + result.keepAlive.http5xx > 0)
    throw new Error('a keep-alive client saw failures during reloads even after its retry');
});

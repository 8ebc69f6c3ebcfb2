// A/A through real nginx: canary and stable are the same build (bench/real-traffic/app.js), the canary process
// started fresh for every rollout, metrics from nginx's access log, the default (statistical) judge, and a
// background load on the machine. Every rollback is a false one. BENCH_RUNS (default 20), BENCH_LOAD.
import { it } from 'vitest';
import { writeResult } from '../results.js';
import {
  latencyGap,
  rollout,
  settings,
  spec,
  startApp,
  startBackgroundLoad,
  startFront,
  startTraffic,
} from './harness.js';

const RUNS = settings.runs(20);
const LOAD = settings.load();
const RATE = 60;
// Short stages so 20 rollouts take under 15 minutes; at 10% the canary still gets ~70 requests (min-samples 50).
const STAGE = { stages: '10,50,100', 'stage-duration': '12s', 'analysis-interval': '4s', 'max-extension': '10s' };
/** Latency gaps are measured per analysis interval. */
const WINDOW_MS = 4_000;
const ROUTES = ['/', '/orders', '/items', '/search'];

it(`A/A through real nginx: ${RUNS} rollouts of the same build under ${LOAD} load`, async () => {
  const stable = await startApp('v1');
  const front = await startFront(stable.address);
  const background = await startBackgroundLoad(LOAD);
  const traffic = startTraffic(front, RATE, ROUTES);
  const runs = [];
  try {
    for (let i = 1; i <= RUNS; i++) {
      const canary = await startApp('v2');
      const { outcome, startedMs } = await rollout(front, stable.address, canary.address, STAGE);
      const gap = latencyGap(
        await front.nginx.readAccessLog(),
        canary.address,
        stable.address,
        startedMs,
        Date.now(),
        WINDOW_MS,
      );
      runs.push({ run: i, ...outcome, latency: gap });
      console.log(
        `run ${i}/${RUNS}: ${outcome.result}${outcome.failedStage ? ` at stage ${outcome.failedStage}` : ''} in ${outcome.seconds} s; ` +
          `largest ${WINDOW_MS / 1000} s-window difference canary − stable: p50 ${gap.maxP50DiffMs} ms, p95 ${gap.maxP95DiffMs} ms` +
          (outcome.result === 'promoted' ? '' : `\n  ${outcome.reason}`),
      );
      // Back to stable only, for the next rollout's fresh canary.
      front.write(spec(stable.address, stable.address), 0);
      await front.nginx.reload();
      await canary.stop();
    }
  } finally {
    const load = await traffic.stop();
    await background.stop();
    await front.stop();
    await stable.stop();
    const falseRollbacks = runs.filter((r) => r.result !== 'promoted').length;
    const failedRequests = load.reduce(
      (n, r) => n + r.networkErrors + r.responses.filter((x) => x.status >= 500).length,
      0,
    );
    const summary = {
      runs: runs.length,
      load: LOAD,
      ratePerSecond: RATE,
      inputs: STAGE,
      judge: 'statistical (default)',
      falseRollbacks,
      largestP50DiffMs: Math.max(0, ...runs.map((r) => r.latency.maxP50DiffMs)),
      largestP95DiffMs: Math.max(0, ...runs.map((r) => r.latency.maxP95DiffMs)),
      failedClientRequests: failedRequests,
    };
    console.log(
      `A/A: ${falseRollbacks} false rollbacks of ${runs.length} under ${LOAD} load; largest window difference p50 ` +
        `${summary.largestP50DiffMs} ms, p95 ${summary.largestP95DiffMs} ms; ${failedRequests} failed client requests`,
    );
    writeResult(`aa-${LOAD}`, { ...summary, perRun: runs });
  }
});

// bench/probes: throughput of 2000 http probes (the committed synthetic-probes bundle) against a bare fetch
// loop and prometheus-blackbox-exporter's /probe endpoint at the same concurrency, in the same run; and the
// accuracy of the reported p50 against a server that adds a fixed 50 ms.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..', '..');
const node = join(root, 'node_modules', 'node', 'bin', 'node');
const PROBES = Number(process.env.BENCH_PROBES ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const ACCURACY_PROBES = 60;
const work = mkdtempSync(join(tmpdir(), 'bench-probes-'));
const children = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

/** Starts a process and resolves with the first line it prints (a port) or when `ready` passes. */
function start(command, args, ready) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code}`)));
    if (!ready) createInterface({ input: child.stdout }).once('line', (line) => resolve(line.trim()));
    else ready().then(resolve, reject);
  });
}

async function waitFor(url, deadlineMs = 10_000) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs `count` calls of `task` with at most `limit` in flight; returns elapsed ms. */
async function pool(count, limit, task) {
  let next = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < count) await task(next++);
    }),
  );
  return performance.now() - begin;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const port = await start(node, [join(import.meta.dirname, 'target-server.js')]);
const target = `http://127.0.0.1:${port}`;

// 1. Bare fetch loop.
await pool(200, CONCURRENCY, async () => (await fetch(`${target}/ok`)).text()); // warm-up
const bareMs = await pool(PROBES, CONCURRENCY, async () => {
  const res = await fetch(`${target}/ok`);
  if (res.status !== 200) throw new Error('bad status');
  JSON.parse(await res.text());
});

// 2. blackbox_exporter: a scrape of /probe per probe, as Prometheus drives it.
const bbPort = 19115 + Math.floor(Math.random() * 1000);
const bbConfig = join(work, 'blackbox.yml');
writeFileSync(
  bbConfig,
  'modules:\n  http_2xx:\n    prober: http\n    timeout: 5s\n    http:\n      preferred_ip_protocol: ip4\n',
);
await start(
  'prometheus-blackbox-exporter',
  [`--config.file=${bbConfig}`, `--web.listen-address=127.0.0.1:${bbPort}`],
  () => waitFor(`http://127.0.0.1:${bbPort}/-/healthy`),
);
const bbUrl = `http://127.0.0.1:${bbPort}/probe?module=http_2xx&target=${encodeURIComponent(`${target}/ok`)}`;
await pool(100, CONCURRENCY, async () => (await fetch(bbUrl)).text());
const bbMs = await pool(PROBES, CONCURRENCY, async () => {
  const text = await (await fetch(bbUrl)).text();
  if (!/^probe_success 1$/m.test(text)) throw new Error('blackbox probe failed');
});

// 3. Shipgate: the committed bundle, as a runner runs it, on a file of PROBES http probes.
function runShipgate(probeCount, path, extraInputs = {}) {
  const dir = mkdtempSync(join(work, 'ws-'));
  mkdirSync(join(dir, '.github'), { recursive: true });
  const lines = ['probes:'];
  for (let i = 0; i < probeCount; i++)
    lines.push(`  - {name: p${i}, url: ${path}, expect: {status: 200, json: [{path: $.status, equals: ok}]}}`);
  writeFileSync(join(dir, '.github', 'probes.yml'), `${lines.join('\n')}\n`);
  const output = join(dir, 'output');
  writeFileSync(output, '');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: output,
    'INPUT_BASE-URL': target,
    INPUT_CONCURRENCY: String(CONCURRENCY),
    INPUT_PROBES: '.github/probes.yml',
    'INPUT_SUCCESS-THRESHOLD': '1',
    ...extraInputs,
  };
  const begin = performance.now();
  const result = spawnSync(node, [join(root, 'dist', 'synthetic-probes', 'index.js')], {
    env,
    encoding: 'utf8',
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - begin;
  if (result.status !== 0) throw new Error(`synthetic-probes failed: ${result.stdout.slice(-2000)}`);
  const reportPath = /report<<(\S+)\n(.*)\n/.exec(readFileSync(output, 'utf8'))?.[2];
  return { wallMs, report: JSON.parse(readFileSync(reportPath, 'utf8')).data };
}
runShipgate(100, '/ok');
const shipgate = runShipgate(PROBES, '/ok');
const shipgateMs = shipgate.report.durationMs;

// 4. Accuracy: p50 against a fixed 50 ms server delay, beside a bare fetch loop's p50 on the same route.
const bareLatencies = [];
await pool(ACCURACY_PROBES, 5, async () => {
  const begin = performance.now();
  await (await fetch(`${target}/delay50`)).text();
  bareLatencies.push(performance.now() - begin);
});
const accuracy = runShipgate(ACCURACY_PROBES, '/delay50', { INPUT_CONCURRENCY: '5' }).report;

const rate = (ms) => Math.round((PROBES / ms) * 1000);
const result = {
  benchmark: 'probes',
  probes: PROBES,
  concurrency: CONCURRENCY,
  perSecond: { shipgate: rate(shipgateMs), bareFetch: rate(bareMs), blackboxExporter: rate(bbMs) },
  shipgateWallMs: Math.round(shipgate.wallMs),
  ratios: {
    shipgateVsBlackbox: Number((bbMs / shipgateMs).toFixed(2)),
    bareFetchVsShipgate: Number((shipgateMs / bareMs).toFixed(2)),
  },
  accuracy: {
    serverDelayMs: 50,
    reportedP50Ms: accuracy.p50Ms,
    bareFetchP50Ms: Number(median(bareLatencies).toFixed(1)),
    errorVsDelayMs: Number((accuracy.p50Ms - 50).toFixed(1)),
  },
  targets: {
    atLeastBlackbox: bbMs >= shipgateMs,
    within1_5xOfBareFetch: shipgateMs <= bareMs * 1.5,
    p50Within3ms: Math.abs(accuracy.p50Ms - 50) <= 3,
  },
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'probes.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`${PROBES} http probes at concurrency ${CONCURRENCY}, same target server, same run:`);
console.log(
  `  shipgate (committed bundle): ${result.perSecond.shipgate} probes/s (engine time ${Math.round(shipgateMs)} ms; process ${result.shipgateWallMs} ms)`,
);
console.log(`  bare fetch loop:             ${result.perSecond.bareFetch} requests/s`);
console.log(`  blackbox_exporter /probe:    ${result.perSecond.blackboxExporter} probes/s`);
console.log(`  shipgate runs at ${result.ratios.shipgateVsBlackbox}x blackbox_exporter's rate (target >= 1)`);
console.log(`  shipgate takes ${result.ratios.bareFetchVsShipgate}x the bare fetch loop's time (target <= 1.5)`);
console.log(
  `accuracy: server delay 50 ms, reported p50 ${accuracy.p50Ms} ms (error ${result.accuracy.errorVsDelayMs} ms, target within 3 ms); bare fetch p50 ${result.accuracy.bareFetchP50Ms} ms`,
);
process.exit(0);

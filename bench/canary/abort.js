// bench/canary/abort.js: how long an abort takes to reach clients. A real nginx proxies to two tiny HTTP
// servers (stable, canary) at 50%; a client sends requests back to back on a keep-alive connection while
// NginxTrafficProvider.abort() runs, and we measure the time from calling abort() to the client seeing only
// stable responses (the first of STREAK in a row after the last canary one). The same is measured for a bare
// `nginx -s reload` after writing the stable-only file by hand, the least any nginx abort can cost.
// Median over RUNS runs of each, interleaved. Writes bench/results/canary-abort.json.
//
// Needs the compiled packages: `node scripts/build.js` (or `node_modules/.bin/tsc -p tsconfig.build.json`).
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, Agent } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const compiled = (path) => join(root, 'build', 'packages', path);
if (!existsSync(compiled('traffic/src/index.js')) || !existsSync(compiled('exec/src/index.js'))) {
  console.error(
    'build/packages/{traffic,exec} is missing: run `node scripts/build.js` (or `node_modules/.bin/tsc -p tsconfig.build.json`) first.',
  );
  process.exit(2);
}
const { NginxTrafficProvider } = await import(compiled('traffic/src/index.js'));
const { LocalShell } = await import(compiled('exec/src/index.js'));

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const STREAK = Number(process.env.BENCH_STREAK ?? 50);
const TARGET_MS = 1000;
const context = { version: 'bench', stage: 0 };
const cleanups = [];
process.on('exit', () => cleanups.reverse().forEach((fn) => fn()));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const round = (x) => Math.round(x * 10) / 10;

function findNginx() {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin', '/usr/local/nginx/sbin']) {
    if (dir && existsSync(join(dir, 'nginx'))) return join(dir, 'nginx');
  }
  console.error('nginx is not installed: sudo apt-get install -y nginx');
  process.exit(2);
}

async function startApp(version) {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain', 'x-app-version': version });
    res.end(version);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => server.closeAllConnections());
  return `127.0.0.1:${server.address().port}`;
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const isOpen = (port) =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

function nginxVersion(bin) {
  // nginx -v prints to stderr.
  const out = spawnSync(bin, ['-v'], { encoding: 'utf8' });
  return (/nginx\/(\d+\.\d+\.\d+)/.exec(`${out.stdout}${out.stderr}`) ?? [])[1] ?? '0.0.0';
}

/**
 * A self-contained nginx (the test fixture is not compiled into build/): foreground, one worker (round-robin
 * state is per worker), everything under `dir`, the upstream file included at http level.
 */
async function prepareNginx(dir, upstreamFile) {
  const bin = findNginx();
  const port = await freePort();
  for (const sub of ['conf', 'logs', 'temp']) mkdirSync(join(dir, sub), { recursive: true });
  const conf = join(dir, 'conf', 'nginx.conf');
  const pidFile = join(dir, 'nginx.pid');
  const errorLog = join(dir, 'logs', 'error.log');
  const temp = (name) => `${name}_temp_path ${join(dir, 'temp', name)};`;
  writeFileSync(
    conf,
    `${process.getuid?.() === 0 ? 'user root root;\n' : ''}daemon off;
worker_processes 1;
pid ${pidFile};
error_log ${errorLog} notice;
worker_shutdown_timeout 10s;
events { worker_connections 512; }
http {
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  access_log off;
  include ${upstreamFile};
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`,
  );
  const version = nginxVersion(bin);
  const [major, minor, patch] = version.split('.').map(Number);
  // -e (the error log before the configuration is read) exists since 1.19.5.
  const flags = [
    '-p',
    `${dir}/`,
    ...(major * 1e6 + minor * 1e3 + patch >= 1_019_005 ? ['-e', errorLog] : []),
    '-c',
    conf,
  ];
  return {
    bin,
    port,
    pidFile,
    version,
    testCommand: [bin, ...flags, '-t'],
    reloadCommand: [bin, ...flags, '-s', 'reload'],
    async start() {
      const master = spawn(bin, flags, { stdio: 'ignore' });
      // SIGTERM, not SIGKILL: the master must live to stop its workers, or they outlive the benchmark.
      cleanups.push(() => master.kill('SIGTERM'));
      this.stop = () =>
        new Promise((resolve) =>
          master.exitCode !== null ? resolve() : (master.once('exit', resolve), master.kill('SIGTERM')),
        );
      const deadline = Date.now() + 10_000;
      while (!(existsSync(pidFile) && (await isOpen(port)))) {
        if (master.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start; see ${errorLog}`);
        await sleep(20);
      }
    },
  };
}

/** Requests back to back on one keep-alive connection; `seen` gets every answer with its arrival time. */
function startClient(port) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const state = { seen: [], errors: 0, running: true };
  const once = () =>
    new Promise((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
        res.resume();
        res.once('end', () => resolve(String(res.headers['x-app-version'])));
      });
      req.once('error', () => resolve(undefined));
      req.end();
    });
  const done = (async () => {
    while (state.running) {
      const version = await once();
      if (version === undefined) state.errors++;
      else state.seen.push({ at: performance.now(), version });
    }
  })();
  return { state, stop: async () => ((state.running = false), await done, agent.destroy()) };
}

/** Resolves with the time, after `t0`, of the first response of a run of STREAK stable ones that is never broken again. */
async function waitForOnlyStable(state, t0, returned) {
  for (;;) {
    const after = state.seen.filter((s) => s.at >= t0);
    const lastCanary = after.findLastIndex((s) => s.version !== 'stable');
    const streak = after.slice(lastCanary + 1);
    if ((await returned.settled) && streak.length >= STREAK) return streak[0].at - t0;
    await sleep(5);
  }
}

/** Waits until the client has seen both versions since `since`: the 50% split is live. */
async function waitForBoth(state, since) {
  for (;;) {
    const versions = new Set(state.seen.filter((s) => s.at >= since).map((s) => s.version));
    if (versions.has('stable') && versions.has('canary')) return;
    await sleep(5);
  }
}

const work = mkdtempSync(join(tmpdir(), 'bench-canary-abort-'));
cleanups.push(() => rmSync(work, { recursive: true, force: true }));
const stable = await startApp('stable');
const canary = await startApp('canary');
const upstreamFile = join(work, 'app-upstream.conf');
const nginx = await prepareNginx(work, upstreamFile);
const provider = new NginxTrafficProvider({
  shell: new LocalShell(),
  upstream: 'app',
  upstreamFile,
  stableTargets: [stable],
  canaryTargets: [canary],
  testCommand: nginx.testCommand,
  reloadCommand: nginx.reloadCommand,
  split: { mode: 'weighted' },
  pidFile: nginx.pidFile,
});
writeFileSync(upstreamFile, provider.render(0));
await nginx.start();
const client = startClient(nginx.port);

/** Moves to 50%, then times `abort` from its call to clients seeing only stable. */
async function measure(abort) {
  const ready = performance.now();
  await provider.setWeight(50, context);
  await waitForBoth(client.state, ready);
  const t0 = performance.now();
  const returned = { settled: undefined };
  let returnMs;
  returned.settled = abort().then(() => ((returnMs = performance.now() - t0), true));
  const visibleMs = await waitForOnlyStable(client.state, t0, returned);
  client.state.seen = [];
  return { returnMs, visibleMs };
}

const execFileAsync = (file, args) =>
  new Promise((resolve, reject) => execFile(file, args, (error) => (error ? reject(error) : resolve())));

const shipgate = [];
const bare = [];
for (let run = 0; run < RUNS; run++) {
  shipgate.push(await measure(() => provider.abort(context)));
  // The least an nginx abort can do: write the stable-only file and signal nginx, nothing checked or awaited.
  bare.push(
    await measure(async () => {
      writeFileSync(upstreamFile, provider.render(0));
      await execFileAsync(nginx.reloadCommand[0], nginx.reloadCommand.slice(1));
    }),
  );
}
await client.stop();
await nginx.stop();

const summary = (xs, key) => ({
  medianMs: round(median(xs.map((x) => x[key]))),
  p90Ms: round(
    percentile(
      xs.map((x) => x[key]),
      90,
    ),
  ),
  maxMs: round(Math.max(...xs.map((x) => x[key]))),
});
const result = {
  benchmark: 'canary-abort',
  runs: RUNS,
  streak: STREAK,
  nginxVersion: nginx.version,
  shipgateAbort: { visible: summary(shipgate, 'visibleMs'), returned: summary(shipgate, 'returnMs') },
  bareReload: { visible: summary(bare, 'visibleMs'), returned: summary(bare, 'returnMs') },
  ratios: {
    visibleAbortVsBareReload: round(median(shipgate.map((x) => x.visibleMs)) / median(bare.map((x) => x.visibleMs))),
    returnedAbortVsBareReload: round(median(shipgate.map((x) => x.returnMs)) / median(bare.map((x) => x.returnMs))),
  },
  clientErrors: client.state.errors,
  targets: { visibleMedianUnder1s: median(shipgate.map((x) => x.visibleMs)) < TARGET_MS },
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'canary-abort.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
process.exit(result.targets.visibleMedianUnder1s ? 0 : 1);

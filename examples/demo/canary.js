#!/usr/bin/env node
// `npm run demo`, part 1 (examples/demo/run.js starts it): a stable version and two candidates of examples/app; canary-deploy rolls the bad candidate
// back (with the reason) and promotes the good one, through real nginx and its access log when nginx is
// installed, or through the command provider and a small router when it is not.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'shipgate-demo-'));
const children = [];
// Every child runs in its own process group, so cleanup reaches nginx's workers too, not just its master.
const cleanup = () => {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(work, { recursive: true, force: true });
};
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

function start(command, args) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ child, info: JSON.parse(line) }));
  });
}

async function waitFor(url) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${url} did not come up`);
}

const app = (version, errorRate) =>
  start(process.execPath, [
    join(root, 'examples/app/server.js'),
    '--version',
    version,
    '--error-rate',
    String(errorRate),
  ]);
// `--without-nginx` shows the fallback path on a machine that has nginx.
const nginxBin = process.argv.includes('--without-nginx')
  ? undefined
  : (['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) ??
    (spawnSync('which', ['nginx']).stdout?.toString().trim() || undefined));

console.log('Shipgate demo: canary-deploy a bad candidate (rolled back), then a good one (promoted).\n');
const stable = await app('v1', 0.001);
const bad = await app('v2-bad', 0.1);
const good = await app('v2-good', 0.001);
const address = (a) => `127.0.0.1:${a.info.port}`;

let front;
if (nginxBin) {
  front = await startNginx(nginxBin);
  console.log(`Front door: nginx at ${front.url}; metrics from its access log.\n`);
} else {
  console.log('nginx is not installed, so this demo runs through the command provider and a small Node router.');
  console.log('For the full demo through real nginx: sudo apt-get install -y nginx\n');
  front = await startRouter();
}

const load = driveLoad(`${front.url}/`, 60);
let failures = 0;
for (const [candidate, expected] of [
  [bad, 'rolled-back'],
  [good, 'promoted'],
]) {
  const version = candidate.info.version;
  console.log(`\n════════ canary-deploy ${version} (expect: ${expected}) ════════\n`);
  const args = [
    'canary-deploy',
    '--version',
    version,
    '--stages',
    '10,50,100',
    '--stage-duration',
    '8s',
    '--analysis-interval',
    '2s',
    '--min-samples',
    '20',
    '--max-extension',
    '6s',
    '--token',
    '',
    '--environment',
    'demo',
    ...front.args(candidate),
  ];
  // Asynchronous, so the load generator in this process keeps sending while the rollout runs.
  const cli = spawn(process.execPath, [join(root, 'cli/bin/shipgate.js'), ...args], {
    stdio: 'inherit',
    cwd: work,
    env: { ...process.env, GITHUB_REPOSITORY: 'demo/shipgate-demo' },
  });
  const status = await new Promise((resolve) => cli.on('close', resolve));
  const ok = (expected === 'promoted') === (status === 0);
  if (!ok) failures++;
  if (expected === 'promoted') front.afterPromote?.(candidate);
}
load.stop();
const { sent, errors } = await load.done;
console.log(
  `\nThe load generator sent ${sent} requests through the front door during both rollouts; ${errors} got an error.`,
);
console.log(
  failures
    ? '\nThe demo did not go as expected.'
    : '\nDone: the bad candidate was rolled back with its reason, the good one promoted.',
);
process.exit(failures ? 1 : 0);

async function startNginx(bin) {
  const prefix = join(work, 'nginx');
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  const upstreamFile = join(prefix, 'upstream.conf');
  const accessLog = join(prefix, 'logs', 'access.log');
  const port = await freePort();
  writeFileSync(upstreamFile, `upstream shipgate_app { server ${address(stable)}; }\n`);
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${prefix}/nginx.pid;`,
      `error_log ${prefix}/logs/error.log warn;`,
      ...(process.getuid?.() === 0 ? ['user root root;'] : []),
      'events { worker_connections 256; }',
      'http {',
      `  client_body_temp_path ${prefix}/client_body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fastcgi; uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;`,
      '  log_format shipgate \'$msec "$upstream_addr" "$upstream_status" $status "$upstream_response_time" $request_time "$request"\';',
      `  access_log ${accessLog} shipgate;`,
      `  include ${upstreamFile};`,
      `  server { listen 127.0.0.1:${port}; location / { proxy_pass http://shipgate_app; proxy_next_upstream off; } }`,
      '}',
    ].join('\n'),
  );
  const flags = `-p ${prefix}/ -c ${conf} -e ${prefix}/logs/error.log`;
  const child = spawn(bin, ['-p', `${prefix}/`, '-c', conf, '-e', `${prefix}/logs/error.log`], {
    stdio: 'ignore',
    detached: true,
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/health`);
  let current = stable;
  return {
    url,
    args: (candidate) => [
      '--provider',
      'nginx',
      '--stable-targets',
      address(current),
      '--canary-targets',
      address(candidate),
      '--nginx-upstream',
      'shipgate_app',
      '--nginx-upstream-file',
      upstreamFile,
      '--nginx-test-command',
      `${bin} -t -q ${flags}`,
      '--nginx-reload-command',
      `${bin} -s reload ${flags}`,
      '--nginx-access-log',
      accessLog,
      '--metrics',
      'nginx-log',
    ],
    afterPromote: (candidate) => (current = candidate),
  };
}

async function startRouter() {
  const weightFile = join(work, 'canary-weight');
  writeFileSync(weightFile, `0 ${stable.info.port} ${bad.info.port}`);
  const probesFile = join(work, 'probes.yml');
  writeFileSync(
    probesFile,
    `probes:\n${Array.from({ length: 30 }, (_, i) => `  - {name: home-${i}, url: /}`).join('\n')}\n`,
  );
  let current = stable;
  const { info } = await start(process.execPath, [join(import.meta.dirname, 'router.js'), 'serve', weightFile]);
  const url = `http://127.0.0.1:${info.port}`;
  const router = join(import.meta.dirname, 'router.js');
  return {
    url,
    args: (candidate) => [
      '--provider',
      'command',
      '--set-weight-command',
      `${process.execPath} ${router} set ${weightFile} {weight} ${current.info.port} ${candidate.info.port}`,
      '--metrics',
      'probes',
      '--probes',
      probesFile,
      '--canary-url',
      `http://${address(candidate)}`,
      '--stable-url',
      `http://${address(current)}`,
    ],
    afterPromote: (candidate) => (current = candidate),
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function driveLoad(url, perSecond) {
  let stopped = false;
  let sent = 0;
  let errors = 0;
  const done = (async () => {
    const begin = Date.now();
    while (!stopped) {
      const due = Math.floor(((Date.now() - begin) / 1000) * perSecond);
      const batch = [];
      for (; sent < due; sent++)
        batch.push(
          fetch(url).then(
            (r) => r.text().then(() => r.status >= 500 && errors++),
            () => errors++,
          ),
        );
      await Promise.all(batch);
      await new Promise((r) => setTimeout(r, 20));
    }
    return { sent, errors };
  })();
  return { stop: () => (stopped = true), done };
}

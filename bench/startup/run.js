// Cold start of a step, on the same Node 24, interleaved, median of RUNS runs each:
//   node -e 0;
//   the smallest action on @actions/core (trivial-action: reads one input, sets one output);
//   synthetic-probes (the committed bundle) with a .github/shipgate.yml and one HTTP probe against a local server,
//   run as the runner runs it (every action.yml default given as an input).
// Target: synthetic-probes within 1.3x the @actions/core action.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
const node = join(root, 'node_modules', 'node', 'bin', 'node');
const trivial = join(import.meta.dirname, 'trivial-action', 'dist', 'index.js');
const probes = join(root, 'dist', 'synthetic-probes', 'index.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;
const TARGET = 1.3;

const server = createServer((_request, response) =>
  response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'),
);
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;

const work = mkdtempSync(join(tmpdir(), 'bench-startup-'));
const workspace = join(work, 'workspace');
mkdirSync(join(workspace, '.github'), { recursive: true });
writeFileSync(
  join(workspace, '.github', 'shipgate.yml'),
  `environments:\n  production:\n    max-error-rate: 1\nsynthetic-probes:\n  base-url: ${baseUrl}\n  timeout: 5s\nprobes:\n  - name: health\n    url: /health\n    expect:\n      status: 200\n      json: [{path: $.status, equals: ok}]\n`,
);
const output = join(work, 'output');
const summary = join(work, 'summary');
const base = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  GITHUB_OUTPUT: output,
  GITHUB_STEP_SUMMARY: summary,
  GITHUB_WORKSPACE: workspace,
  RUNNER_TEMP: work,
};

/** The inputs the runner gives a step that sets none: every default declared in action.yml. */
function defaultInputs(action) {
  const meta = parse(readFileSync(join(root, 'actions', action, 'action.yml'), 'utf8'));
  const env = {};
  for (const [name, spec] of Object.entries(meta.inputs ?? {}))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = spec?.default ?? '';
  return env;
}

const commands = {
  'node -e 0': { args: ['-e', '0'], env: base },
  '@actions/core action': { args: [trivial], env: { ...base, INPUT_NAME: 'bench' } },
  'synthetic-probes + config': { args: [probes], env: { ...base, ...defaultInputs('synthetic-probes') } },
};

/** Runs one step to its end; spawn, not spawnSync, so that this process's server can answer the probe. */
function time(name) {
  const { args, env } = commands[name];
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const start = process.hrtime.bigint();
  const child = spawn(node, args, { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stdout += chunk));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) reject(new Error(`${name} failed (${code}): ${stdout}`));
      else resolve({ ms, outputs: readFileSync(output, 'utf8') });
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const names = Object.keys(commands);
for (let i = 0; i < WARMUP; i++) for (const name of names) await time(name);
const samples = Object.fromEntries(names.map((name) => [name, []]));
for (let i = 0; i < RUNS; i++) {
  for (const name of names) {
    const { ms, outputs } = await time(name);
    if (name === '@actions/core action' && !outputs.includes('hello bench'))
      throw new Error('the trivial action did not set its output');
    if (name === 'synthetic-probes + config' && !/^passed<<.*\n1\n/m.test(outputs))
      throw new Error(`synthetic-probes did not pass its probe:\n${outputs}`);
    samples[name].push(ms);
  }
}
server.close();

const medians = Object.fromEntries(names.map((name) => [name, Number(median(samples[name]).toFixed(2))]));
const bare = medians['node -e 0'];
const core = medians['@actions/core action'];
const probesMs = medians['synthetic-probes + config'];
const result = {
  benchmark: 'startup',
  node: spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim(),
  runs: RUNS,
  medianMs: medians,
  coreOverBare: Number((core / bare).toFixed(3)),
  probesOverCore: Number((probesMs / core).toFixed(3)),
  probesOverBare: Number((probesMs / bare).toFixed(3)),
  target: { probesOverCore: TARGET },
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'startup.json'), `${JSON.stringify(result, null, 2)}\n`);
for (const name of names) console.log(`${name.padEnd(28)} median ${medians[name]} ms over ${RUNS} runs`);
console.log(`(${result.node})`);
console.log(`@actions/core action / node -e 0:        ${result.coreOverBare}x`);
console.log(
  `synthetic-probes / @actions/core action: ${result.probesOverCore}x (target <= ${TARGET}x) ${result.probesOverCore <= TARGET ? 'OK' : 'ABOVE TARGET'}`,
);

// Cold start of an action bundle: a trivial action built with the kit (reads one input, sets one output),
// against `node -e 0`, both on the same Node 24, interleaved, median of RUNS runs each. Target: ratio <= 1.5.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const node = join(root, 'node_modules', 'node', 'bin', 'node');
const bundle = join(import.meta.dirname, 'trivial-action', 'dist', 'index.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;

const work = mkdtempSync(join(tmpdir(), 'bench-startup-'));
const output = join(work, 'output');
const env = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_OUTPUT: output, INPUT_NAME: 'bench', GITHUB_WORKSPACE: work, RUNNER_TEMP: work };

function time(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(node, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return ms;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

for (let i = 0; i < WARMUP; i++) {
  time(['-e', '0']);
  time([bundle]);
}
writeFileSync(output, '');
const bare = [];
const action = [];
for (let i = 0; i < RUNS; i++) {
  bare.push(time(['-e', '0']));
  action.push(time([bundle]));
}
if (!readFileSync(output, 'utf8').includes('hello bench')) throw new Error('the trivial action did not set its output');

const result = {
  benchmark: 'startup',
  node: spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim(),
  runs: RUNS,
  bareMedianMs: Number(median(bare).toFixed(2)),
  bundleMedianMs: Number(median(action).toFixed(2)),
  ratio: Number((median(action) / median(bare)).toFixed(3)),
  target: 1.5,
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'startup.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`node -e 0:        median ${result.bareMedianMs} ms over ${RUNS} runs (${result.node})`);
console.log(`trivial action:   median ${result.bundleMedianMs} ms over ${RUNS} runs`);
console.log(`ratio:            ${result.ratio}x (target <= ${result.target}x) ${result.ratio <= result.target ? 'OK' : 'ABOVE TARGET'}`);

// bench/demo: runs `npm run demo` (scripts/demo.js) part 1, canary-deploy, N times and counts the good candidate promoted and the bad
// one rolled back, through real nginx when it is installed.
//   node bench/demo/run.js [--runs N] [--without-nginx]     (default 20 runs; BENCH_RUNS works too)
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

// Not strict: `npm run bench -- --runs 3 --load heavy` passes every benchmark's flags to each.
const { values } = parseArgs({
  strict: false,
  options: { runs: { type: 'string' }, 'without-nginx': { type: 'boolean', default: false } },
});
const runs = Number(values.runs ?? process.env.BENCH_RUNS ?? 20);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number of 1 or more, got ${values.runs}`);
  process.exit(2);
}
const root = join(import.meta.dirname, '..', '..');
const node = join(root, 'node_modules', 'node', 'bin', 'node');

function demo() {
  const args = [
    join(root, 'scripts', 'demo.js'),
    '--part',
    '1',
    ...(values['without-nginx'] ? ['--without-nginx'] : []),
  ];
  const child = spawn(node, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

const perRun = [];
for (let i = 1; i <= runs; i++) {
  const started = Date.now();
  const { code, output } = await demo();
  const goodPromoted = /Canary promoted: v2-good/.test(output);
  const badRolledBack = /Canary rolled back: v2-bad/.test(output);
  const reasons = output
    .split('\n')
    .filter((line) => /^Canary (rolled back|promoted)|^Reason|rolled back.*:|::error/.test(line))
    .slice(0, 6);
  perRun.push({ run: i, exitCode: code, goodPromoted, badRolledBack, seconds: (Date.now() - started) / 1000, reasons });
  console.log(
    `run ${i}/${runs}: exit ${code}; good candidate ${goodPromoted ? 'promoted' : 'NOT promoted'}, ` +
      `bad candidate ${badRolledBack ? 'rolled back' : 'NOT rolled back'}`,
  );
  if (!goodPromoted || !badRolledBack) console.log(output.split('\n').slice(-40).join('\n'));
}
const summary = {
  measuredAt: new Date().toISOString(),
  frontDoor: values['without-nginx'] ? 'command provider and router' : 'nginx when installed',
  runs,
  goodPromoted: perRun.filter((r) => r.goodPromoted).length,
  badRolledBack: perRun.filter((r) => r.badRolledBack).length,
  perRun,
};
console.log(
  `\nDemo: good candidate promoted in ${summary.goodPromoted} of ${runs} runs, bad candidate rolled back in ${summary.badRolledBack} of ${runs}.`,
);
mkdirSync(join(import.meta.dirname, '..', 'results'), { recursive: true });
const file = join(import.meta.dirname, '..', 'results', `demo${values['without-nginx'] ? '-without-nginx' : ''}.json`);
writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
console.log(`Wrote ${file}`);
process.exit(summary.goodPromoted === runs && summary.badRolledBack === runs ? 0 : 1);

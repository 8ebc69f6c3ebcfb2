// bench/real-traffic: canary-deploy's bundle through real nginx with nginx-log metrics.
//   node bench/real-traffic/run.js [aa|detection ...] [--runs N] [--load none|cpu|heavy]
//     [--stage-seconds S] [--scenario TEXT]   (detection: the analysed stage's length; scenarios whose name has TEXT)
// aa: A/A rollouts (default 20 runs, cpu load): false rollbacks and the largest latency difference seen.
// detection: injected regressions at 20 req/s per side (default 1 run each), statistical judge and Flagger's
// default thresholds. Figures go to bench/results/*.json.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

// Not strict: `npm run bench -- --runs 3 --without-nginx` passes every benchmark's flags to each.
const { values, positionals } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  strict: false,
  allowPositionals: true,
  options: {
    runs: { type: 'string' },
    load: { type: 'string' },
    'stage-seconds': { type: 'string' },
    scenario: { type: 'string' },
  },
});
const root = join(import.meta.dirname, '..', '..');
const chosen = positionals.length ? positionals : ['aa', 'detection'];
let failed = false;
for (const name of chosen) {
  if (!['aa', 'detection'].includes(name)) {
    console.error(`Unknown part '${name}': aa or detection`);
    process.exit(2);
  }
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'vitest'),
    ['run', '--config', 'bench/vitest.bench.config.ts', `bench/real-traffic/${name}.bench.test.ts`],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH}`,
        ...(typeof values.runs === 'string' ? { BENCH_RUNS: values.runs } : {}),
        ...(typeof values.load === 'string' ? { BENCH_LOAD: values.load } : {}),
        ...(typeof values['stage-seconds'] === 'string' ? { BENCH_STAGE_SECONDS: values['stage-seconds'] } : {}),
        ...(typeof values.scenario === 'string' ? { BENCH_SCENARIO: values.scenario } : {}),
      },
    },
  );
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);

// bench/osv: OSV requests made and time taken to scan a generated npm lockfile of 2,000 packages against the OSV
// API emulator (real advisories), beside a bare client that sends the same batches with fetch and nothing else.
// `node bench/osv/run.js` (env BENCH_PACKAGES, BENCH_ROUNDS). Writes bench/results/osv.json.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const result = spawnSync(
  join(root, 'node_modules', '.bin', 'vitest'),
  ['run', '--config', 'bench/vitest.bench.config.ts', 'bench/osv'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH}` },
  },
);
process.exit(result.status ?? 1);

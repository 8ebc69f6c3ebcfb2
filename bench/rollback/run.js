// bench/rollback: time from starting a rollback to nginx serving only the old version (old servers up), as a
// ratio to a bare upstream rewrite + `nginx -s reload`, and failed requests at 200 requests/s during the switch.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const result = spawnSync(
  join(root, 'node_modules', '.bin', 'vitest'),
  ['run', '--config', 'bench/vitest.bench.config.ts', 'bench/rollback'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH}` },
  },
);
process.exit(result.status ?? 1);

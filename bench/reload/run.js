// bench/reload: failed requests while nginx reloads repeatedly, for a new-connection-per-request client and a
// keep-alive client that retries once (see reload.bench.test.ts). BENCH_RELOADS (default 40), BENCH_RATE (requests
// per second per client, default 50), BENCH_NGINX_HTTP (extra http-block directives to measure a setting).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const result = spawnSync(
  join(root, 'node_modules', '.bin', 'vitest'),
  ['run', '--config', 'bench/vitest.bench.config.ts', 'bench/reload'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH}` },
  },
);
process.exit(result.status ?? 1);

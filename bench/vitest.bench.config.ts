import { defineConfig } from 'vitest/config';

// Benchmarks that need the test fixtures (real nginx, app servers, the GitHub emulator) run through Vitest
// with this config; they are not part of `npm test`.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    // A benchmark runs as long as its --runs ask (20 A/A rollouts take about 15 minutes on a loaded machine).
    testTimeout: 3_600_000,
    hookTimeout: 120_000,
  },
});

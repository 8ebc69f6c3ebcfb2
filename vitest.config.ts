import { defineConfig } from 'vitest/config';
import { workflowParserDeps, workflowParserWithoutSourceMaps } from './test/support/vite-workflow-parser.js';

const exclude = ['**/node_modules/**', '**/dist/**', 'build/**'];

// Two tiers, both run by `npm test` (`vitest run`); `vitest run --project unit` or `--project integration` runs one.
export default defineConfig({
  plugins: [workflowParserWithoutSourceMaps],
  test: {
    // Integration tests start real services (nginx, Prometheus, sshd); two workers match the two cores.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
    // @actions/workflow-parser loads only through a bundler: see test/support/vite-workflow-parser.ts.
    server: { deps: workflowParserDeps },
    projects: [
      {
        extends: true,
        test: {
          // Fast tests beside the code: pure domain code, fakes, injected clocks; no real services.
          name: 'unit',
          include: ['packages/**/*.test.ts', 'actions/**/*.test.ts', 'cli/**/*.test.ts'],
          exclude,
          // Seeded simulations of thousands of rollouts run here too: CPU-bound, slow on a loaded machine.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Real nginx/Prometheus/sshd, the GitHub emulator and the bundles, on a machine that may be loaded.
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

const exclude = ['**/node_modules/**', '**/dist/**', 'build/**'];

/**
 * `@actions/workflow-parser` imports its JSON schemas without import attributes (`import schema from
 * "../workflow-v1.0.min.json"`), which Node refuses (ERR_IMPORT_ATTRIBUTE_MISSING) but bundlers accept. ncc
 * bundles it into dist/ like any other module; here Vite has to transform it instead of handing it to Node
 * (`server.deps.inline` below). Its published source maps name sources that are not published, which Vite
 * reports for every module it loads: this plugin loads those files without their `sourceMappingURL` comment.
 */
const WORKFLOW_PARSER = /\/node_modules\/@actions\/workflow-parser\/dist\/.*\.js$/;
const workflowParserWithoutSourceMaps: Plugin = {
  name: 'workflow-parser-without-source-maps',
  enforce: 'pre',
  load(id) {
    if (!WORKFLOW_PARSER.test(id)) return null;
    return readFileSync(id, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '');
  },
};

// Two tiers, both run by `npm test` (`vitest run`); `vitest run --project unit` or `--project integration` runs one.
export default defineConfig({
  plugins: [workflowParserWithoutSourceMaps],
  test: {
    // Integration tests start real services (nginx, Prometheus, sshd); two workers match the two cores.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
    server: { deps: { inline: ['@actions/workflow-parser'] } },
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

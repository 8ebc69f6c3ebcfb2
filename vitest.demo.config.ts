import { defineConfig } from 'vitest/config';
import { workflowParserDeps, workflowParserWithoutSourceMaps } from './test/support/vite-workflow-parser.js';

// `npm run demo`, part 2 (examples/demo/run.js starts it): deploy.yml through the local workflow runner. Vitest
// because @actions/workflow-parser loads only through a bundler (test/support/vite-workflow-parser.ts); the demo's
// reporter shows the demo's output only.
export default defineConfig({
  plugins: [workflowParserWithoutSourceMaps],
  test: {
    include: ['examples/demo/*.demo.ts'],
    pool: 'forks',
    maxWorkers: 1,
    reporters: ['./examples/demo/demo-reporter.ts'],
    server: { deps: workflowParserDeps },
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});

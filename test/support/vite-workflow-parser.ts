import { readFileSync } from 'node:fs';
import type { Plugin } from 'vitest/config';

/**
 * `@actions/workflow-parser` imports its JSON schemas without import attributes (`import schema from
 * "../workflow-v1.0.min.json"`), which Node refuses (ERR_IMPORT_ATTRIBUTE_MISSING) but bundlers accept. ncc
 * bundles it into dist/ like any other module; under Vitest, Vite has to transform it instead of handing it to
 * Node: put `workflowParserDeps` in `test.server.deps` and this plugin in `plugins`. The package's source maps
 * name sources it does not publish, which Vite reports for every module: the plugin loads those files without
 * their `sourceMappingURL` comment.
 */
export const workflowParserDeps = { inline: ['@actions/workflow-parser'] };

const WORKFLOW_PARSER = /\/node_modules\/@actions\/workflow-parser\/dist\/.*\.js$/;

export const workflowParserWithoutSourceMaps: Plugin = {
  name: 'workflow-parser-without-source-maps',
  enforce: 'pre',
  load(id) {
    if (!WORKFLOW_PARSER.test(id)) return null;
    return readFileSync(id, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '');
  },
};

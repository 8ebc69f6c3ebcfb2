// Every bundle the build produces: each action's main and post step (from its action.yml), the CLI,
// and the test and benchmark fixtures. One list, so build and check-dist can never disagree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { actionNames, actionYmlPath } from './action-metadata.js';

/** @returns {{ name: string, source: string, outDir: string }[]} paths relative to the repository root */
export function bundleEntries(root) {
  const entries = [];
  for (const name of actionNames(root)) {
    const action = parse(readFileSync(join(root, actionYmlPath(name)), 'utf8'));
    entries.push({ name, source: `actions/${name}/src/main.ts`, outDir: `dist/${name}` });
    if (action.runs?.post)
      entries.push({ name: `${name}-post`, source: `actions/${name}/src/post.ts`, outDir: `dist/${name}-post` });
  }
  entries.push({ name: 'cli', source: 'cli/src/main.ts', outDir: 'dist/cli' });
  entries.push({
    name: 'echo-fixture',
    source: 'test/fixtures/echo-action/src/main.ts',
    outDir: 'test/fixtures/echo-action/dist/main',
  });
  entries.push({
    name: 'echo-fixture-post',
    source: 'test/fixtures/echo-action/src/post.ts',
    outDir: 'test/fixtures/echo-action/dist/post',
  });
  entries.push({
    name: 'startup-trivial',
    source: 'bench/startup/trivial-action/src/main.ts',
    outDir: 'bench/startup/trivial-action/dist',
  });
  return entries;
}

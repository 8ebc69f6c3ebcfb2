// Compiles the engine into build/ (when missing or older than its sources) and loads it, mapping the
// `@shipgate/<name>` imports of the compiled code to build/packages/<name>/src/index.js.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..', '..');
const build = join(root, 'build', 'packages');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts'))
      latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

const target = join(build, 'secrets', 'src', 'index.js');
const sources = ['secrets', 'findings', 'core'].map((name) => newest(join(root, 'packages', name, 'src')));
if (!existsSync(target) || statSync(target).mtimeMs < Math.max(...sources)) {
  execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(import.meta.dirname, 'secrets.tsconfig.json')], {
    stdio: 'inherit',
  });
}

registerHooks({
  resolve(specifier, context, nextResolve) {
    const match = /^@shipgate\/([a-z-]+)$/.exec(specifier);
    if (match) return { url: pathToFileURL(join(build, match[1], 'src', 'index.js')).href, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});

/** The compiled @shipgate/secrets. */
export const engine = await import(pathToFileURL(target).href);
/** The compiled @shipgate/secrets/testing: the labelled corpus generator. */
export const testing = await import(pathToFileURL(join(build, 'secrets', 'src', 'testing', 'index.js')).href);

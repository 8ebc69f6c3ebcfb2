// Builds every bundle: regenerate action.yml, the README tables and the config schema from the inputs tables, and
// the schema validators generated from the schemas, compile TypeScript with tsc into build/, then bundle each
// entry's emitted JavaScript with ncc into its dist folder (ESM, with {"type":"module"}).
// tsc does the compiling because ncc cannot load TypeScript 7; it also keeps type errors out of dist.
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { generate } from './generate.js';
import { writeValidators } from './gen-validators.js';
import { bundleEntries } from './entries.js';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const only = process.argv.slice(2);

await generate(root);
const validators = writeValidators(root);
rmSync(join(root, 'build'), { recursive: true, force: true });
execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
// tsc reads the generated validators' .d.ts and emits nothing for their .js: copy it beside the emitted code.
for (const path of validators.filter((p) => p.endsWith('.js'))) {
  mkdirSync(dirname(join(root, 'build', path)), { recursive: true });
  copyFileSync(join(root, path), join(root, 'build', path));
}
linkWorkspacePackages();

const entries = bundleEntries(root).filter((e) => only.length === 0 || only.includes(e.name));
const failures = [];
// Two at a time: the machines we build on have two cores.
const queue = [...entries];
await Promise.all(
  [0, 1].map(async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) await bundle(entry);
  }),
);
if (failures.length > 0) {
  console.error(`Build failed for: ${failures.join(', ')}`);
  process.exit(1);
}
console.log(`Built ${entries.length} bundles.`);

async function bundle(entry) {
  const compiled = join(root, 'build', entry.source.replace(/\.ts$/, '.js'));
  if (!existsSync(compiled)) {
    failures.push(`${entry.name} (no ${entry.source})`);
    return;
  }
  const outDir = join(root, entry.outDir);
  rmSync(outDir, { recursive: true, force: true });
  const code = await new Promise((resolve) => {
    const child = spawn(
      bin('ncc'),
      ['build', compiled, '-o', outDir, '--target', 'es2023', '--license', 'licenses.txt', '--quiet'],
      { cwd: root, stdio: 'inherit' },
    );
    child.on('close', resolve);
  });
  if (code !== 0) {
    failures.push(entry.name);
    return;
  }
  writeFileSync(join(outDir, 'package.json'), '{\n  "type": "module"\n}\n');
  console.log(`  ${entry.outDir}/index.js`);
}

/**
 * The compiled code imports workspace packages by name (`@shipgate/kit`). Each package's exports map points at
 * its TypeScript sources, so build/ gets a copy of every package.json pointing at the emitted JavaScript, and
 * build/node_modules/@shipgate/<name> links to it: ncc then bundles the compiled code, never the sources.
 */
function linkWorkspacePackages() {
  const scope = join(root, 'build', 'node_modules', '@shipgate');
  mkdirSync(scope, { recursive: true });
  for (const name of readdirSync(join(root, 'packages'))) {
    const manifest = join(root, 'packages', name, 'package.json');
    if (!existsSync(manifest)) continue;
    const text = readFileSync(manifest, 'utf8').replace(/\.ts"/g, '.js"');
    mkdirSync(join(root, 'build', 'packages', name), { recursive: true });
    writeFileSync(join(root, 'build', 'packages', name, 'package.json'), text);
    symlinkSync(join('..', '..', 'packages', name), join(scope, name));
  }
}

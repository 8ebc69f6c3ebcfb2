// `npm run bench [-- <name> ...]`: runs the named benchmarks (every folder of bench/ with a run.js by default).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const all = readdirSync(dir)
  .filter((name) => existsSync(join(dir, name, 'run.js')))
  .sort();
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : all;
let failed = false;
for (const name of chosen) {
  if (!all.includes(name)) {
    console.error(`Unknown benchmark '${name}'. Available: ${all.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== bench/${name} ==`);
  const result = spawnSync(process.execPath, [join(dir, name, 'run.js')], { stdio: 'inherit' });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);

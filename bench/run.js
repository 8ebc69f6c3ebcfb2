// `npm run bench [-- <name> ...] [-- --runs N ...]`: runs the named benchmarks (every folder of bench/ with a run.js
// by default); arguments from the first one starting with -- on go to each benchmark (e.g. --runs 3, --load heavy).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const all = readdirSync(dir)
  .filter((name) => existsSync(join(dir, name, 'run.js')))
  .sort();
const args = process.argv.slice(2).filter((a) => a !== '--');
const firstFlag = args.findIndex((a) => a.startsWith('--'));
const names = firstFlag === -1 ? args : args.slice(0, firstFlag);
const flags = firstFlag === -1 ? [] : args.slice(firstFlag);
const chosen = names.length ? names : all;
let failed = false;
for (const name of chosen) {
  if (!all.includes(name)) {
    console.error(`Unknown benchmark '${name}'. Available: ${all.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== bench/${name} ==`);
  const result = spawnSync(process.execPath, [join(dir, name, 'run.js'), ...flags], { stdio: 'inherit' });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);

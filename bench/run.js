// `npm run bench [-- <name> [<part> ...] ...] [--runs N ...]`: runs the named benchmarks (every folder of bench/ with a
// run.js by default). A word that names no benchmark is a part of the benchmark before it (`real-traffic aa`);
// arguments from the first one starting with -- on go to each benchmark (e.g. --runs 3, --load heavy).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const all = readdirSync(dir)
  .filter((name) => existsSync(join(dir, name, 'run.js')))
  .sort();
const args = process.argv.slice(2).filter((a) => a !== '--');
const firstFlag = args.findIndex((a) => a.startsWith('--'));
const words = firstFlag === -1 ? args : args.slice(0, firstFlag);
const flags = firstFlag === -1 ? [] : args.slice(firstFlag);
/** @type {{ name: string, parts: string[] }[]} */
const chosen = [];
for (const word of words) {
  if (all.includes(word)) chosen.push({ name: word, parts: [] });
  else if (chosen.length > 0) chosen[chosen.length - 1].parts.push(word);
  else {
    console.error(`Unknown benchmark '${word}'. Available: ${all.join(', ')}`);
    process.exit(2);
  }
}
if (chosen.length === 0) chosen.push(...all.map((name) => ({ name, parts: [] })));
let failed = false;
for (const { name, parts } of chosen) {
  console.log(`\n== bench/${name}${parts.length ? ` ${parts.join(' ')}` : ''} ==`);
  const result = spawnSync(process.execPath, [join(dir, name, 'run.js'), ...parts, ...flags], { stdio: 'inherit' });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);

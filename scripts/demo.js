// `npm run demo`: the README's first command. Its first part runs from a fresh clone with no install: the CLI and
// the actions are committed bundles (the second, deploy.yml through the local runner, installs the dev dependencies). The full demo (a canary of a bad version rolled back, then a good one
// promoted, through real nginx) arrives with the canary-deploy action; until then it shows what exists.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const shipgate = join(root, 'cli', 'bin', 'shipgate.js');
const canary = join(root, 'actions', 'canary-deploy', 'action.yml');

if (existsSync(canary) && existsSync(join(root, 'examples', 'demo', 'run.js'))) {
  const result = spawnSync(process.execPath, [join(root, 'examples', 'demo', 'run.js'), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}

console.log('Shipgate demo\n');
console.log('The canary demo (a bad version rolled back with its reason, a good one promoted, through real');
console.log('nginx) arrives with the canary-deploy action. Until then, here is the shipgate command it will use:\n');
const help = spawnSync(process.execPath, [shipgate, '--help'], { stdio: 'inherit' });
process.exit(help.status ?? 1);

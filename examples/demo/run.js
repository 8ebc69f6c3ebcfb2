#!/usr/bin/env node
// `npm run demo`, in two parts (`--part 1` or `--part 2` runs one):
//   1. canary.js: canary-deploy on a bad and a good candidate of examples/app, from the committed bundles, no install.
//   2. deploy-workflow.demo.ts: .github/workflows/deploy.yml run twice through the local workflow runner (a good
//      release promoted, a bad one rolled back), against real nginx and the GitHub API emulator. GitHub's workflow
//      parser loads only through a bundler or Vitest and the emulator is test support, so this part needs the
//      development dependencies: it installs them (`npm ci`) when node_modules is missing, and real nginx.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const args = process.argv.slice(2);

const partAt = args.indexOf('--part');
const part = partAt === -1 ? undefined : args[partAt + 1];
if (partAt !== -1 && part !== '1' && part !== '2') {
  console.error(`--part: '${part ?? ''}' is not a part of the demo; allowed: 1 (canary-deploy), 2 (deploy.yml).`);
  process.exit(2);
}
const rest = partAt === -1 ? args : args.filter((_, i) => i !== partAt && i !== partAt + 1);

let failed = false;
if (part !== '2') {
  const result = spawnSync(process.execPath, [join(import.meta.dirname, 'canary.js'), ...rest], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
if (part !== '1') {
  if (part !== '2') console.log('\n');
  if (!partTwo()) failed = true;
}
process.exit(failed ? 1 : 0);

/** Runs part 2; false when it did not go as expected. A machine without nginx skips it, as part 1 explains. */
function partTwo() {
  console.log('Shipgate demo, part 2: the deploy workflow (.github/workflows/deploy.yml) through the local runner.');
  console.log('A good release (preflight, approval, canary stages, promoted), then a bad one (rolled back).\n');
  // `--without-nginx` shows, on a machine that has nginx, what a machine without it does.
  const nginx = args.includes('--without-nginx')
    ? undefined
    : (['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) ??
      (spawnSync('which', ['nginx']).stdout?.toString().trim() || undefined));
  if (!nginx) {
    console.log('nginx is not installed, and the deploy workflow runs canary-deploy and rollback through real nginx,');
    console.log('so part 2 is skipped. To run it: sudo apt-get install -y nginx, then npm run demo -- --part 2');
    return true;
  }
  const needs = ['vitest/vitest.mjs', '@actions/workflow-parser/package.json', 'node/bin/node'];
  if (!needs.every((file) => existsSync(join(root, 'node_modules', file)))) {
    console.log("Part 2 needs the development dependencies (Vitest, which loads GitHub's workflow parser, and");
    console.log("the GitHub API emulator's test support), and node_modules is missing or incomplete. Running, in");
    console.log(`${root}:\n  npm ci --no-audit --no-fund\n`);
    const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
    if (npm.status !== 0) {
      console.log(`\nnpm ci failed (exit ${npm.status ?? npm.signal}), so part 2 cannot run.`);
      return false;
    }
    console.log('');
  }
  // Node 24 from node_modules (the runtime `runs.using: node24` gives actions), its folder first on PATH.
  const bin = join(root, 'node_modules', '.bin');
  const vitest = spawnSync(
    join(root, 'node_modules', 'node', 'bin', 'node'),
    [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', join(root, 'vitest.demo.config.ts')],
    { cwd: root, stdio: 'inherit', env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` } },
  );
  const ok = vitest.status === 0;
  console.log(
    ok
      ? 'Done: the good release went through every gate and was promoted; the bad one was rolled back at its first stage, and what serves was verified.'
      : '\nPart 2 did not go as expected.',
  );
  return ok;
}

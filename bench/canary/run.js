// bench/canary: the judges on simulated traffic (false rollbacks over A/A runs, requests until a verdict,
// against a Flagger-style threshold check) and the time from a fail verdict to nginx serving only stable.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

let failed = false;
for (const script of ['judges.js', 'abort.js']) {
  console.log(`\n-- bench/canary/${script} --`);
  const result = spawnSync(process.execPath, [join(import.meta.dirname, script)], { stdio: 'inherit' });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, requireNode24 } from '../support/paths.js';
import { requireBinary } from '../support/require-binary.js';

/** Runs `npm run demo`'s script as a user would and returns its exit code and output. */
function demo(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(requireNode24(), [join(repoRoot, 'scripts/demo.js'), ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe('npm run demo (the README quick start)', () => {
  it('part 1 rolls the bad candidate back and promotes the good one through real nginx', async () => {
    requireBinary('nginx');
    const { code, output } = await demo(['--part', '1']);
    expect(code, output).toBe(0);
    expect(output).toContain('metrics from its access log');
    expect(output).toMatch(/Canary rolled back: v2-bad/);
    expect(output).toMatch(/Canary promoted: v2-good/);
    expect(output).toContain('Done: the bad candidate was rolled back with its reason, the good one promoted.');
    expect(output).not.toContain('part 2');
  });

  it('part 2 runs deploy.yml through the local runner: a good release promoted, a bad one rolled back', async () => {
    requireBinary('nginx');
    const { code, output } = await demo(['--part', '2']);
    expect(code, output).toBe(0);
    expect(output).not.toContain('canary-deploy a bad candidate');
    // Each run: its header, its jobs and conclusions, and the combined job summary.
    const [good, bad] = output.split(/^deploy\.yml, run \d of 2: /m).slice(1);
    expect(good).toMatch(/^ {2}approve +success$/m);
    expect(good).toMatch(/^ {2}rollback +skipped$/m);
    expect(good).toContain('## ✅ Deployment approved');
    expect(good).toContain('## Shipgate deploy of v2 to production: promoted');
    expect(good).toContain('serves: v2 (10 of 10 requests)');
    expect(bad).toMatch(/^ {2}deploy +failure$/m);
    expect(bad).toMatch(/^ {2}rollback +success$/m);
    expect(bad).toMatch(/Stage 1 \(25%\): canary error rate/);
    expect(bad).toContain('## Shipgate deploy of v2 to production: rolled-back');
    expect(bad).toContain('serves: v1 (10 of 10 requests)');
    expect(output).toContain('Done: the good release went through every gate and was promoted');
  });

  it('runs part 1 through the command provider when nginx is not there, and skips part 2 saying why', async () => {
    const { code, output } = await demo(['--without-nginx']);
    expect(code, output).toBe(0);
    expect(output).toContain('sudo apt-get install -y nginx');
    expect(output).toMatch(/Canary rolled back: v2-bad/);
    expect(output).toMatch(/Canary promoted: v2-good/);
    expect(output).toContain(
      'so part 2 is skipped. To run it: sudo apt-get install -y nginx, then npm run demo -- --part 2',
    );
    expect(output).not.toContain('Workflow run:');
  });

  it('refuses a part it does not have, naming the flag and the parts', async () => {
    const { code, output } = await demo(['--part', '3']);
    expect(code).toBe(2);
    expect(output).toContain("--part: '3' is not a part of the demo; allowed: 1 (canary-deploy), 2 (deploy.yml).");
  });
});

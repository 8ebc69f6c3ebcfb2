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
  it('rolls the bad candidate back and promotes the good one through real nginx', async () => {
    requireBinary('nginx');
    const { code, output } = await demo([]);
    expect(code, output).toBe(0);
    expect(output).toContain('metrics from its access log');
    expect(output).toMatch(/Canary rolled back: v2-bad/);
    expect(output).toMatch(/Canary promoted: v2-good/);
    expect(output).toContain('Done: the bad candidate was rolled back with its reason, the good one promoted.');
  });

  it('runs the same flow through the command provider when nginx is not there', async () => {
    const { code, output } = await demo(['--without-nginx']);
    expect(code, output).toBe(0);
    expect(output).toContain('sudo apt-get install -y nginx');
    expect(output).toMatch(/Canary rolled back: v2-bad/);
    expect(output).toMatch(/Canary promoted: v2-good/);
  });
});

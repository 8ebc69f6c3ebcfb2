import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckScope } from '../check.js';
import { scanWorkspace } from '../workspace-files.js';

/** For tests: a scope over a temporary repository holding `files`, with no tools on PATH and no build command. */
export function scopeWith(files: Record<string, string>): CheckScope {
  const root = mkdtempSync(join(tmpdir(), 'error-detection-check-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return {
    files: scanWorkspace({ root, prefix: '', globs: [] }),
    kubernetesVersion: '1.34',
    envFile: { path: '.env', given: false },
    envExample: { path: '.env.example', given: false },
    environment: () => undefined,
    buildCommand: undefined,
    buildTimeoutMs: 1000,
    tools: { version: async () => undefined },
    runCommand: async () => ({ code: 0, stdout: '', stderr: '' }),
    log: () => {},
  };
}

import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWLIST, DEFAULT_RULES } from '@shipgate/secrets';
import { ALPHABETS, labelledSamples, SeededRandom } from '@shipgate/secrets/testing';
import { startSourceWorker } from '../../../../test/support/source-worker.js';
import type { ScanScope } from '../scanner.js';
import { secretsScanner, type SecretsParallelism } from './secrets.js';

const token = `ghp_${new SeededRandom(11).chars(ALPHABETS.alnum, 36)}`;

function scopeOf(files: Record<string, string>, sizes: Record<string, number> = {}): ScanScope {
  return {
    mode: 'full',
    files: Object.keys(files).map((path) => ({ path, size: sizes[path] ?? files[path]!.length })),
    read: async (path) => files[path],
    covers: () => true,
  };
}

const settings = {
  rules: DEFAULT_RULES,
  allowlist: DEFAULT_ALLOWLIST,
  maxFileBytes: 1000,
  ruleSource: 'rules',
  notes: [],
};

describe('secretsScanner', () => {
  it('masks every found value as its file is scanned, and returns redacted findings', async () => {
    const masked: string[] = [];
    const events: string[] = [];
    const scope = scopeOf({ 'a.ts': `const t = "${token}";\n`, 'b.ts': 'nothing here\n' });
    const read = scope.read;
    scope.read = async (path) => (events.push(`read ${path}`), read(path));
    const result = await secretsScanner(settings, (s) => (masked.push(s), events.push('mask'))).scan(scope);
    expect(masked).toEqual([token]);
    expect(events).toEqual(['read a.ts', 'mask', 'read b.ts']);
    expect(result.findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['github-pat', 'GitHub personal access token: ghp_…(40 chars)'],
    ]);
  });

  it('skips allowlisted paths unread, and says which files were too large to scan', async () => {
    const scope = scopeOf(
      { 'node_modules/x/i.js': `"${token}"`, 'package-lock.json': `"${token}"`, 'huge.txt': `"${token}"` },
      { 'huge.txt': 5000 },
    );
    const result = await secretsScanner(settings, () => undefined).scan(scope);
    expect(result.findings).toEqual([]);
    expect(result.incomplete).toEqual(['1 file(s) over 0 MB not scanned for secrets: huge.txt']);
  });

  it('scans a scope of at least minBytes on worker threads, with the findings and masks of one thread', async () => {
    const files = Object.fromEntries(labelledSamples(99, 2).map((s, i) => [`${i}/${s.file}`, s.text]));
    const large = { ...settings, maxFileBytes: 1048576 };
    const oneThread: string[] = [];
    const expected = await secretsScanner(large, (s) => oneThread.push(s)).scan(scopeOf(files));
    expect(expected.findings.length).toBeGreaterThan(50);

    const started: string[] = [];
    const parallel = (minBytes: number): SecretsParallelism => ({
      workers: 2,
      minBytes,
      start: (data) => {
        started.push('worker');
        return startSourceWorker(new URL('../secret-workers.ts', import.meta.url), 'serveSecretScans', data);
      },
    });
    const masked: string[] = [];
    const result = await secretsScanner(large, (s) => masked.push(s), parallel(1)).scan(scopeOf(files));
    expect(result).toEqual(expected);
    expect(started).toEqual(['worker', 'worker']);
    expect(masked.sort()).toEqual(oneThread.sort());

    // Below the threshold no worker starts.
    expect(await secretsScanner(large, () => undefined, parallel(1e9)).scan(scopeOf(files))).toEqual(expected);
    expect(started).toHaveLength(2);
  });
});

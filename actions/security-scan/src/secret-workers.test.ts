import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWLIST, DEFAULT_RULES, SecretScanner, type ScannerSettings } from '@shipgate/secrets';
import { labelledSamples } from '@shipgate/secrets/testing';
import { startSourceWorker } from '../../../test/support/source-worker.js';
import { SecretScanPool } from './secret-workers.js';

const settings: ScannerSettings = { rules: DEFAULT_RULES, allowlist: DEFAULT_ALLOWLIST };
const entry = new URL('./secret-workers.ts', import.meta.url);

describe('SecretScanPool', () => {
  it('gives, file by file, the findings of a single-thread scan, across two workers and many batches', async () => {
    const samples = labelledSamples(20261203, 3);
    // Files of every size, so batches fill at different points and both workers get work.
    const files = samples.map((s, i) => ({
      path: `${i}/${s.file}`,
      text: `${'// filler line\n'.repeat(i * 7)}${s.text}`,
    }));
    const single = new SecretScanner(settings);
    const expected = files.map((f) => single.scan(f.path, f.text));
    expect(expected.flat().length).toBeGreaterThan(100);

    const started: number[] = [];
    const pool = new SecretScanPool(settings, {
      workers: 2,
      batchChars: 2000,
      start: (data) => {
        started.push(started.length);
        return startSourceWorker(entry, 'serveSecretScans', data);
      },
    });
    try {
      const results: Promise<unknown>[] = [];
      for (const file of files) {
        results.push(pool.scan(file.path, file.text));
        await pool.below(20000);
      }
      pool.flush();
      expect(await Promise.all(results)).toEqual(expected);
      expect(started).toEqual([0, 1]);
    } finally {
      await pool.close();
    }
  });

  it('rejects the files waiting when a worker fails, naming the failure', async () => {
    const pool = new SecretScanPool(settings, {
      workers: 1,
      start: (data) => startSourceWorker(entry, 'noSuchExport', data),
    });
    try {
      const result = pool.scan('a.txt', 'token = "q8Zk2LmN4pR7tV1xB3cD5fG7"');
      pool.flush();
      await expect(result).rejects.toThrow(/noSuchExport|not a function/);
      await expect(pool.scan('b.txt', 'x')).rejects.toThrow(/not a function/);
    } finally {
      await pool.close();
    }
  });
});

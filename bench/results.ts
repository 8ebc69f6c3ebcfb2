import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes a benchmark's figures to bench/results/<name>.json, with when and where they were measured. */
export function writeResult(name: string, data: unknown): string {
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const meta = {
    measuredAt: new Date().toISOString(),
    node: process.version,
    cpus: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency,
  };
  writeFileSync(file, `${JSON.stringify({ ...meta, ...(data as object) }, null, 2)}\n`);
  console.log(`Wrote ${file}`);
  return file;
}

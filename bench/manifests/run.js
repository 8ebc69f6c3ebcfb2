// bench/manifests: Kubernetes manifests checked per second, measured in one run against kubernetes-models'
// validation and against the speed limit (js-yaml plus the same generated validators, nothing else), on
// generated multi-document files with planted defects; and whether every planted defect is reported at a
// line inside its document (recall) and nothing else is (precision).
//
// `node bench/manifests/run.js [--files 500] [--per-file 10] [--rounds 5]`. Compiles packages/manifests into
// build/ when it is missing or stale. Writes bench/results/manifests.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { bareLoop, kubernetesModels, parsers, shipgate } from './contenders.js';
import { generateManifests } from './generate.js';

const root = join(import.meta.dirname, '..', '..');
const { values: args } = parseArgs({
  options: {
    files: { type: 'string', default: '500' },
    'per-file': { type: 'string', default: '10' },
    rounds: { type: 'string', default: '5' },
  },
});
const VERSION = '1.36';

ensureBuilt();
const manifestsEntry = join(root, 'build', 'packages', 'manifests', 'src', 'index.js');
const manifests = await import(manifestsEntry);
const validators = await manifests.loadKindValidators(VERSION);
const check = { version: VERSION, validators };

const { files, resources, defects } = generateManifests({
  files: Number(args.files),
  perFile: Number(args['per-file']),
});
const bytes = files.reduce((sum, f) => sum + f.text.length, 0);
console.log(
  `${resources} resources in ${files.length} files (${(bytes / 1e6).toFixed(1)} MB), ${defects.length} planted defects`,
);

// Quality first: every planted defect reported inside its document, and nothing outside them.
const quality = measureQuality();
console.log(
  `shipgate: recall ${pct(quality.recall)} (${quality.found}/${defects.length} planted defects at a line of their document), ` +
    `precision ${pct(quality.precision)} (${quality.outside} findings outside them), ${quality.findings} findings`,
);

const contenders = {
  shipgate: shipgate(manifests, check),
  'kubernetes-models + yaml': await kubernetesModels(files, parsers.yaml),
  'kubernetes-models + js-yaml': await kubernetesModels(files, parsers['js-yaml']),
  'bare loop (js-yaml + same validators)': bareLoop(validators, manifests.kindExportName),
};
const rounds = Number(args.rounds);
const results = {};
// Interleaved rounds: load from other work on the machine falls on every contender alike.
const times = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
// CPU time beside wall time: on a machine shared with other work, CPU time is the steadier figure.
const cpuTimes = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
for (const run of Object.values(contenders)) run(files.slice(0, 20)); // warm-up
for (let round = 0; round < rounds; round++)
  for (const [name, run] of Object.entries(contenders)) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const { findings } = run(files);
    times[name].push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuTimes[name].push((used.user + used.system) / 1000);
    results[name] = { findings };
  }
const twoCores = await measureWorkers(Math.min(2, availableParallelism()));
times['shipgate, 2 worker threads'] = twoCores.times;
cpuTimes['shipgate, 2 worker threads'] = twoCores.cpuTimes;
results['shipgate, 2 worker threads'] = { findings: twoCores.findings };

console.log(
  '\n| contender | median wall ms | resources/s (wall) | median CPU ms | resources per CPU-second | findings |\n' +
    '|---|---:|---:|---:|---:|---:|',
);
for (const [name, list] of Object.entries(times)) {
  const ms = median(list);
  const cpuMs = median(cpuTimes[name]);
  const r = (results[name] = {
    ...results[name],
    medianMs: Math.round(ms),
    resourcesPerSecond: Math.round(resources / (ms / 1000)),
    medianCpuMs: Math.round(cpuMs),
    resourcesPerCpuSecond: Math.round(resources / (cpuMs / 1000)),
  });
  console.log(
    `| ${name} | ${r.medianMs} | ${r.resourcesPerSecond} | ${r.medianCpuMs} | ${r.resourcesPerCpuSecond} | ${r.findings} |`,
  );
}
const ours = results.shipgate.resourcesPerCpuSecond;
const ratios = {
  'shipgate / kubernetes-models + yaml': ours / results['kubernetes-models + yaml'].resourcesPerCpuSecond,
  'shipgate / kubernetes-models + js-yaml': ours / results['kubernetes-models + js-yaml'].resourcesPerCpuSecond,
  'shipgate / bare loop': ours / results['bare loop (js-yaml + same validators)'].resourcesPerCpuSecond,
};
console.log('Ratios of resources per CPU-second:');
for (const [name, ratio] of Object.entries(ratios)) console.log(`${name}: ${ratio.toFixed(2)}x`);

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(root, 'bench', 'results', 'manifests.json'),
  `${JSON.stringify({ resources, files: files.length, bytes, rounds, version: VERSION, quality, results, ratios }, null, 2)}\n`,
);

function measureQuality() {
  const byFile = new Map();
  for (const defect of defects) byFile.set(defect.file, [...(byFile.get(defect.file) ?? []), defect]);
  let found = 0;
  let outside = 0;
  let findings = 0;
  for (const { name, text } of files) {
    const planted = byFile.get(name) ?? [];
    const list = manifests.checkKubernetesFile(name, text, check);
    findings += list.length;
    const inside = (f, d) => f.line >= d.startLine && f.line <= d.endLine;
    found += planted.filter((d) => list.some((f) => inside(f, d))).length;
    outside += list.filter((f) => !planted.some((d) => inside(f, d))).length;
  }
  return {
    found,
    outside,
    findings,
    recall: found / defects.length,
    precision: findings === 0 ? 1 : (findings - outside) / findings,
  };
}

async function measureWorkers(count) {
  const workers = await Promise.all(
    Array.from({ length: count }, () => {
      const worker = new Worker(join(import.meta.dirname, 'worker.js'), {
        workerData: { manifestsEntry, version: VERSION },
      });
      return new Promise((resolve) => worker.once('message', () => resolve(worker)));
    }),
  );
  const send = (worker, batch) =>
    new Promise((resolve) => {
      worker.once('message', resolve);
      worker.postMessage(batch);
    });
  const shares = workers.map((_, i) => files.filter((_, j) => j % count === i));
  await Promise.all(workers.map((w, i) => send(w, shares[i].slice(0, 20)))); // warm-up
  const list = [];
  const cpuTimes = [];
  let findings = 0;
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    const cpu = process.cpuUsage(); // the whole process: both workers' threads
    const replies = await Promise.all(workers.map((w, i) => send(w, shares[i])));
    list.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
    findings = replies.reduce((sum, r) => sum + r.findings, 0);
  }
  await Promise.all(workers.map((w) => w.terminate()));
  return { times: list, cpuTimes, findings };
}

function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function pct(x) {
  return `${(x * 100).toFixed(1)}%`;
}

/** Compiles packages/manifests and core into build/ with tsc when build/ is missing or older than the sources. */
function ensureBuilt() {
  const sources = ['manifests', 'core'].flatMap((name) => tsSources(join(root, 'packages', name, 'src')));
  const generated = join(root, 'packages', 'manifests', 'src', 'generated');
  sources.push(
    ...readdirSync(generated)
      .filter((n) => n.endsWith('.js'))
      .map((n) => join(generated, n)),
  );
  // A .ts source compiles to the .js beside it in build/; a generated .js is copied there.
  const outputs = sources.map((s) => join(root, 'build', s.slice(root.length + 1).replace(/\.ts$/, '.js')));
  const newest = Math.max(...sources.map((s) => statSync(s).mtimeMs));
  if (outputs.every((o) => existsSync(o) && statSync(o).mtimeMs >= newest)) return;
  console.log('Compiling packages/manifests into build/ ...');
  execFileSync(
    join(root, 'node_modules', '.bin', 'tsc'),
    ['-p', join(import.meta.dirname, 'manifests.tsconfig.json')],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  // tsc emits nothing for the generated validators' .js: copy them; and let build/ resolve @shipgate/* to itself,
  // as scripts/build.js does.
  for (const name of readdirSync(join(root, 'packages', 'manifests', 'src', 'generated')).filter((n) =>
    n.endsWith('.js'),
  )) {
    const from = join(root, 'packages', 'manifests', 'src', 'generated', name);
    const to = join(root, 'build', 'packages', 'manifests', 'src', 'generated', name);
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, readFileSync(from));
  }
  for (const name of ['core', 'manifests']) {
    const manifest = readFileSync(join(root, 'packages', name, 'package.json'), 'utf8').replace(/\.ts"/g, '.js"');
    writeFileSync(join(root, 'build', 'packages', name, 'package.json'), manifest);
    const link = join(root, 'build', 'node_modules', '@shipgate', name);
    mkdirSync(dirname(link), { recursive: true });
    if (!existsSync(link)) symlinkSync(join('..', '..', 'packages', name), link);
  }
}

function tsSources(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts') && !f.includes('testing'))
    .map((f) => join(dir, f));
}

// bench/canary/judges.js: false rollbacks and time to detection of the canary judges on simulated traffic.
//
// Traffic: 20 requests/s to each side, baseline error rate 0.5%, latency lognormal (median 100 ms, σ 0.4)
// rounded to whole ms, from a seeded PRNG (the same model as the judges' property tests). A rollout lasts ten
// minutes: four analysed stages of 150 s (the default stages 5,10,25,50 before the promotion at 100). A/A runs
// last those ten minutes; the detection runs go on for up to 30 minutes (twelve stages, and 180 planned looks
// for the statistical judge, which slows its latency test) so that slow judges get to fail and their medians
// are measured rather than cut off; the share caught within the first ten minutes is reported beside them.
//   statistical  looks every 10 s (200 requests a side), over every window of the rollout
//   threshold    looks every 10 s, over the windows of the current stage, with the action's default limits
//   flagger      Flagger's defaults: every 1 min (1200 requests) success rate ≥ 99% and p99 ≤ baseline p99 + 10%;
//                5 failed checks (cumulative) roll back
// Both judges leave each stage's first 30 s (its warm-up) out of latency, as the action does by default.
// Scenarios: A/A (canary identical to stable), A/A with a canary that starts cold (+50% latency for the first
// 20 s of every stage), latency +10% (exactly the tolerance: any rollback is a false one for the statistical
// judge), errors ×2 and ×5, latency +20%, p99 ×3 with the same median (σ 0.4 → 0.872), and +50% latency that
// starts only after the 60 planned looks (the statistical judge plans 60 looks there and must fail on its
// reserve of alpha).
//
// `node bench/canary/judges.js [--runs N] [--aa-runs N] [--sweep]`. Compiles the judges into build/ when
// build/ is missing or older than their sources. Writes bench/results/canary-judges.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..', '..');
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '300' },
    'aa-runs': { type: 'string', default: '1000' },
    sweep: { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs);
const AA_RUNS = Number(args['aa-runs']);

ensureBuilt();
const canaryBuild = join(root, 'build', 'packages', 'canary', 'src');
const { createStatisticalJudge, DEFAULT_STATISTICAL_SETTINGS, DEFAULT_STATISTICAL_TUNING } = await import(
  join(canaryBuild, 'judges', 'statistical-judge.js')
);
const { createThresholdJudge, DEFAULT_THRESHOLD_LIMITS } = await import(
  join(canaryBuild, 'judges', 'threshold-judge.js')
);
const { seededRandom, simulateWindow } = await import(join(canaryBuild, 'judges', 'simulated-traffic.js'));
const { weightedPercentile, mergeLatencies } = await import(join(canaryBuild, 'stats', 'weighted-percentile.js'));

const RATE = 20;
const LOOK_S = 10;
const ROLLOUT_S = 600;
const DETECTION_S = 1800;
const STAGE_S = 150;
const FLAGGER_INTERVAL_S = 60;
const FLAGGER_THRESHOLD = 5;
// The action's default min-samples; at 200 requests a side per look it never holds a judge back here.
const MIN_SAMPLES = 50;
// The sweep of alternatives runs a third of the runs, to keep the whole benchmark within a few minutes.
const SWEEP_SHARE = 1 / 3;
const PER_LOOK = RATE * LOOK_S;
const BASE = { errorRate: 0.005, medianMs: 100, sigma: 0.4 };
// Baseline p99 of the lognormal (z₀.₉₉ = 2.3263), + 10%: the fairest fixed limit a Flagger user could set.
const FLAGGER_P99_LIMIT_MS = 1.1 * BASE.medianMs * Math.exp(BASE.sigma * 2.326348);

const WARM_UP_S = 30;
const SCENARIOS = [
  { name: 'aa', label: 'A/A (no change)', canary: BASE, runs: AA_RUNS, looks: ROLLOUT_S / LOOK_S },
  {
    name: 'aa-cold',
    label: 'A/A, canary +50% for 20 s after each weight change',
    canary: BASE,
    canaryAt: (inStageS) => (inStageS < 20 ? { ...BASE, medianMs: 150 } : BASE),
    runs: AA_RUNS,
    looks: ROLLOUT_S / LOOK_S,
  },
  // At the statistical judge's latency tolerance: the edge of its null hypothesis, where the latency test may fail
  // at most the 20% of α it is given (and the error test, with equal error rates, the other 80%).
  {
    name: 'latency-10pct',
    label: 'latency +10% (tolerated)',
    canary: { ...BASE, medianMs: 110 },
    runs: RUNS,
    looks: ROLLOUT_S / LOOK_S,
  },
  {
    name: 'errors-2x',
    label: 'errors ×2 (1%)',
    canary: { ...BASE, errorRate: 0.01 },
    runs: RUNS,
    looks: DETECTION_S / LOOK_S,
  },
  {
    name: 'errors-5x',
    label: 'errors ×5 (2.5%)',
    canary: { ...BASE, errorRate: 0.025 },
    runs: RUNS,
    looks: DETECTION_S / LOOK_S,
  },
  {
    name: 'latency-20pct',
    label: 'latency +20%',
    canary: { ...BASE, medianMs: 120 },
    runs: RUNS,
    looks: DETECTION_S / LOOK_S,
  },
  {
    name: 'p99-3x',
    label: 'p99 ×3, same median',
    canary: { ...BASE, sigma: 0.872 },
    runs: RUNS,
    looks: DETECTION_S / LOOK_S,
  },
  {
    name: 'late-latency-50pct',
    label: 'latency +50% after the 60 planned looks',
    canary: BASE,
    canaryAt: (_, atS) => (atS >= ROLLOUT_S ? { ...BASE, medianMs: 150 } : BASE),
    runs: RUNS,
    looks: DETECTION_S / LOOK_S,
    plannedLooks: ROLLOUT_S / LOOK_S,
    // Flagger has no plan to run past: the comparison would measure the scenario, not the judges.
    compare: false,
  },
];

const settings = { ...DEFAULT_STATISTICAL_SETTINGS, warmUpMs: WARM_UP_S * 1000 };
const limits = { ...DEFAULT_THRESHOLD_LIMITS, warmUpMs: WARM_UP_S * 1000 };
const JUDGES = [
  { name: 'statistical', make: (looks) => judgeRunner(createStatisticalJudge({ ...settings, plannedLooks: looks })) },
  { name: 'threshold', make: () => judgeRunner(createThresholdJudge(limits)) },
  { name: 'flagger', make: () => flaggerRunner() },
];

/** The look (1-based) at which a judge first fails, or undefined if it never does in the rollout. */
function judgeRunner(judge) {
  return (windows) => {
    for (let look = 1; look <= windows.length; look++) {
      const stageStart = Math.floor(((look - 1) * LOOK_S) / STAGE_S) * (STAGE_S / LOOK_S);
      const verdicts = judge.evaluate({ windows: windows.slice(0, look), stageStart, look, minSamples: MIN_SAMPLES });
      if (verdicts.some((v) => v.status === 'fail')) return look;
    }
    return undefined;
  };
}

function flaggerRunner() {
  const perInterval = FLAGGER_INTERVAL_S / LOOK_S;
  return (windows) => {
    let failedChecks = 0;
    for (let end = perInterval; end <= windows.length; end += perInterval) {
      const interval = windows.slice(end - perInterval, end);
      const requests = interval.reduce((n, w) => n + w.canary.requests, 0);
      const errors = interval.reduce((n, w) => n + w.canary.errors, 0);
      const p99 = weightedPercentile(mergeLatencies(interval.map((w) => w.canary.latencies)), 0.99);
      // Flagger counts one failed check per interval, whichever metric failed.
      if ((requests - errors) / requests < 0.99 || p99 > FLAGGER_P99_LIMIT_MS) failedChecks++;
      if (failedChecks >= FLAGGER_THRESHOLD) return end;
    }
    return undefined;
  };
}

/** The windows of one run, stamped with their time in the stage as the rollout stamps them. */
function simulateRollout(scenario, run) {
  const random = seededRandom(hash(`${scenario.name}:${run}`));
  const requests = { canary: PER_LOOK, stable: PER_LOOK };
  return Array.from({ length: scenario.looks }, (_, i) => {
    const fromS = i * LOOK_S;
    const stageStartS = Math.floor(fromS / STAGE_S) * STAGE_S;
    const canary = scenario.canaryAt ? scenario.canaryAt(fromS - stageStartS, fromS) : scenario.canary;
    const timing = { fromMs: fromS * 1000, toMs: (fromS + LOOK_S) * 1000, stageStartMs: stageStartS * 1000 };
    return { ...simulateWindow(random, canary, BASE, requests), timing };
  });
}

function measure(judges, share = 1) {
  const results = {};
  for (const full of SCENARIOS) {
    const scenario = { ...full, runs: Math.ceil(full.runs * share) };
    const looks = Object.fromEntries(judges.map((j) => [j.name, []]));
    const runners = judges.map((j) => ({ name: j.name, run: j.make(scenario.plannedLooks ?? scenario.looks) }));
    for (let run = 0; run < scenario.runs; run++) {
      const windows = simulateRollout(scenario, run);
      for (const runner of runners) looks[runner.name].push(runner.run(windows));
    }
    results[scenario.name] = Object.fromEntries(judges.map((j) => [j.name, summarise(looks[j.name], scenario.runs)]));
  }
  return results;
}

function summarise(failLooks, runs) {
  const sorted = failLooks.map((l) => l ?? Infinity).sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  const medianRequests = Number.isFinite(median) ? median * PER_LOOK : null;
  const within = ROLLOUT_S / LOOK_S;
  return {
    runs,
    failRate: failLooks.filter((l) => l !== undefined).length / runs,
    failRateWithin10Min: failLooks.filter((l) => l !== undefined && l <= within).length / runs,
    // Runs that never failed count as "never" in the median; null means fewer than half failed at all.
    medianCanaryRequests: medianRequests,
    medianSeconds: medianRequests === null ? null : medianRequests / RATE,
  };
}

const begin = performance.now();
const results = measure(JUDGES);
const sweep = args.sweep ? runSweep() : undefined;
const elapsedS = (performance.now() - begin) / 1000;

const ratio = (scenario) => {
  const s = results[scenario].statistical.medianSeconds;
  const f = results[scenario].flagger.medianSeconds;
  if (s === null) return null;
  return f === null ? { atLeast: Math.round((DETECTION_S / s) * 100) / 100 } : Math.round((f / s) * 100) / 100;
};
const speedups = Object.fromEntries(
  SCENARIOS.filter((s) => !isNull(s.name) && s.compare !== false).map((s) => [s.name, ratio(s.name)]),
);
const speedupValue = (r) => (r === null ? 0 : typeof r === 'number' ? r : r.atLeast);
const targets = {
  statisticalFalseRollbacksAtMost1Pct: results.aa.statistical.failRate <= 0.01,
  statisticalColdStartFalseRollbacksAtMost1Pct: results['aa-cold'].statistical.failRate <= 0.01,
  statisticalFailsPastThePlan: results['late-latency-50pct'].statistical.failRate >= 0.95,
  statisticalAtLeast2xSoonerThanFlagger: Object.values(speedups).every((r) => speedupValue(r) >= 2),
};

printTable(results);
console.log(
  `\nStatistical vs Flagger-style, median time to rollback: ${Object.entries(speedups)
    .map(
      ([k, r]) =>
        `${k} ${r === null ? 'n/a' : typeof r === 'number' ? `${r}×` : `≥ ${r.atLeast}× (Flagger mostly did not fail within ${DETECTION_S} s)`}`,
    )
    .join('; ')}`,
);
console.log(
  `Targets: false rollbacks ≤ 1% ${targets.statisticalFalseRollbacksAtMost1Pct ? 'met' : 'NOT met'} (cold canary: ${targets.statisticalColdStartFalseRollbacksAtMost1Pct ? 'met' : 'NOT met'}); ≥ 2× sooner than Flagger ${targets.statisticalAtLeast2xSoonerThanFlagger ? 'met' : 'NOT met'}; fails past the planned looks ${targets.statisticalFailsPastThePlan ? 'met' : 'NOT met'}. (${elapsedS.toFixed(1)} s)`,
);
if (sweep) printSweep(sweep);

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(root, 'bench', 'results', 'canary-judges.json'),
  `${JSON.stringify(
    {
      benchmark: 'canary-judges',
      traffic: {
        requestsPerSecondPerSide: RATE,
        baseline: BASE,
        latencyResolutionMs: 1,
        rolloutSeconds: ROLLOUT_S,
        detectionHorizonSeconds: DETECTION_S,
        stageSeconds: STAGE_S,
        minSamples: MIN_SAMPLES,
        seeded: true,
      },
      judges: {
        statistical: {
          looksEverySeconds: LOOK_S,
          settings: {
            ...settings,
            plannedLooks: 'looks in the run: 60 for A/A, 180 for detection, 60 for late-latency-50pct',
          },
          tuning: DEFAULT_STATISTICAL_TUNING,
        },
        threshold: { looksEverySeconds: LOOK_S, limits },
        flagger: {
          intervalSeconds: FLAGGER_INTERVAL_S,
          minSuccessRatePct: 99,
          maxP99Ms: Math.round(FLAGGER_P99_LIMIT_MS * 10) / 10,
          threshold: FLAGGER_THRESHOLD,
        },
      },
      scenarios: Object.fromEntries(
        SCENARIOS.map((s) => [s.name, { label: s.label, canary: s.canary, runs: s.runs, seconds: s.looks * LOOK_S }]),
      ),
      results,
      statisticalSpeedupOverFlagger: speedups,
      targets,
      ...(sweep ? { sweep } : {}),
      elapsedSeconds: Math.round(elapsedS * 10) / 10,
    },
    null,
    2,
  )}\n`,
);

function printTable(all) {
  const cell = (r, scenario) =>
    isNull(scenario)
      ? `${(r.failRate * 100).toFixed(1)}%`
      : `${r.medianCanaryRequests === null ? `> ${DETECTION_S * RATE} req (> ${DETECTION_S} s)` : `${r.medianCanaryRequests} req (${r.medianSeconds} s)`}, ${(r.failRateWithin10Min * 100).toFixed(0)}% in 10 min`;
  const header = [
    'judge',
    ...SCENARIOS.map((s) =>
      isNull(s.name) ? `${s.label}: rollbacks in ${s.runs} runs` : `${s.label}: median to fail`,
    ),
  ];
  const rows = JUDGES.map((j) => [j.name, ...SCENARIOS.map((s) => cell(all[s.name][j.name], s.name))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  rows.forEach((r) => console.log(line(r)));
}

/** Alternatives to the chosen defaults, statistical judge only, on fewer runs: how the defaults were picked. */
function runSweep() {
  const variants = [];
  for (const detectErrorRatio of [1.5, 2, 3]) variants.push({ settings: { detectErrorRatio }, tuning: {} });
  for (const spendingRho of [1, 3])
    for (const minLatencyEffect of [0.53, 0.56])
      variants.push({ settings: {}, tuning: { spendingRho, minLatencyEffect } });
  for (const errorAlphaShare of [0.5, 0.8]) variants.push({ settings: {}, tuning: { errorAlphaShare } });
  return variants.map((variant) => {
    const make = (looks) =>
      judgeRunner(
        createStatisticalJudge(
          { ...settings, plannedLooks: looks, ...variant.settings },
          { ...DEFAULT_STATISTICAL_TUNING, ...variant.tuning },
        ),
      );
    const result = measure([{ name: 'statistical', make }], SWEEP_SHARE);
    return {
      ...variant.settings,
      ...variant.tuning,
      ...Object.fromEntries(Object.entries(result).map(([k, v]) => [k, v.statistical])),
    };
  });
}

function printSweep(rows) {
  console.log('\nSweep (statistical judge; medians in seconds):');
  for (const row of rows) {
    const knobs = Object.entries(row)
      .filter(([, v]) => typeof v === 'number')
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    const outcomes = SCENARIOS.map(
      (s) =>
        `${s.name} ${isNull(s.name) ? `${(row[s.name].failRate * 100).toFixed(1)}%` : `${row[s.name].medianSeconds ?? `>${ROLLOUT_S}`}s`}`,
    ).join(', ');
    console.log(`  ${knobs.padEnd(40)} ${outcomes}`);
  }
}

/** Scenarios where the canary is no worse than allowed: every rollback there is a false one. */
function isNull(name) {
  return name === 'aa' || name === 'aa-cold' || name === 'latency-10pct';
}

/** FNV-1a: a stable seed per scenario and run. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Compiles the judges when build/ lacks them or is older than their sources. */
function ensureBuilt() {
  const sources = ['judges', 'stats']
    .flatMap((dir) => tsFiles(join(root, 'packages', 'canary', 'src', dir)))
    .concat(['judge-model.ts', 'ports.ts'].map((f) => join(root, 'packages', 'canary', 'src', f)));
  const outputs = sources.map((s) => join(root, 'build', s.slice(root.length + 1).replace(/\.ts$/, '.js')));
  const newestSource = Math.max(...sources.map((s) => statSync(s).mtimeMs));
  const stale = outputs.some((o) => !existsSync(o) || statSync(o).mtimeMs < newestSource);
  if (!stale) return;
  console.log('Compiling the judges into build/ ...');
  execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(import.meta.dirname, 'judges.tsconfig.json')], {
    cwd: root,
    stdio: 'inherit',
  });
}

function tsFiles(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
}

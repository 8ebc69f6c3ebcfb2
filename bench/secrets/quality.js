// Recall and precision of the engine on the labelled corpus (packages/secrets/src/testing/labelled-samples.ts):
// a secret sample counts as found when a finding's value overlaps the planted secret; any finding in a decoy
// sample is a false positive. `node bench/secrets/quality.js [--rounds N] [--verbose]`.
import { parseArgs } from 'node:util';
import { engine, testing } from './load-engine.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, verbose: { type: 'boolean' } } });
const scanner = new engine.SecretScanner({ rules: engine.DEFAULT_RULES, allowlist: engine.DEFAULT_ALLOWLIST });
const samples = testing.labelledSamples(20261202, Number(values.rounds));

let truePositives = 0;
let falseNegatives = 0;
let falsePositives = 0;
const missedKinds = new Map();
const noisyKinds = new Map();
for (const sample of samples) {
  const findings = scanner.scan(sample.file, sample.text);
  if (sample.secret) {
    const hit = findings.some((f) => f.secret.includes(sample.secret) || sample.secret.includes(f.secret));
    if (hit) truePositives++;
    else {
      falseNegatives++;
      missedKinds.set(sample.kind, (missedKinds.get(sample.kind) ?? 0) + 1);
    }
    // Findings in a secret sample that are not the planted secret are false positives too.
    const extra = findings.filter((f) => !(f.secret.includes(sample.secret) || sample.secret.includes(f.secret)));
    falsePositives += extra.length;
    for (const f of extra)
      noisyKinds.set(`${sample.kind} -> ${f.ruleId}`, (noisyKinds.get(`${sample.kind} -> ${f.ruleId}`) ?? 0) + 1);
  } else {
    falsePositives += findings.length;
    for (const f of findings)
      noisyKinds.set(`${sample.kind} -> ${f.ruleId}`, (noisyKinds.get(`${sample.kind} -> ${f.ruleId}`) ?? 0) + 1);
  }
}
const kinds = new Set(samples.filter((s) => s.secret).map((s) => s.kind)).size;
const decoyKinds = new Set(samples.filter((s) => !s.secret).map((s) => s.kind)).size;
const recall = truePositives / (truePositives + falseNegatives);
const precision = truePositives / (truePositives + falsePositives || 1);
const result = {
  samples: samples.length,
  secretKinds: kinds,
  decoyKinds,
  truePositives,
  falseNegatives,
  falsePositives,
  recall: Number(recall.toFixed(4)),
  precision: Number(precision.toFixed(4)),
  missed: Object.fromEntries(missedKinds),
  noise: Object.fromEntries(noisyKinds),
};
console.log(JSON.stringify(result));
export default result;

